/* The stat-walk floor of benchmarks/run (issue 23 item 4): what walking a tree costs the kernel,
 * with nothing of group-writable's matching, reporting or checks.
 *
 *   statwalk MODE THREADS ROOT
 *
 * MODE stat:   every entry under ROOT (not ROOT itself): openat + getdents64 on each directory,
 *              fstatat(AT_SYMLINK_NOFOLLOW) on each entry.
 * MODE change: the same, and fchmodat on every entry that is not a symlink, to its mode with
 *              group write added and world write removed (what `group-writable apply` does to
 *              every entry of the Windows-host layout, where everything arrives 0777).
 * MODE listed: the same as stat, and fchmodat on each entry LIST names, to the mode it gives:
 *
 *   statwalk listed THREADS ROOT LIST
 *
 *              LIST holds records "OCTAL-MODE RELATIVE-PATH\0" (the entries a first `apply` changed
 *              and the modes it left): the floor of a walk that changes the same entries.
 * MODE attrs:  the same as listed, and listxattrat(AT_SYMLINK_NOFOLLOW) on every directory or
 *              regular file that is or becomes group-writable, where `apply` reads the ACL and
 *              capabilities (Linux 6.13+): the floor of `apply`'s system calls on a tree where
 *              entries arrived group-writable (issue 23 item 2).
 *
 * THREADS workers share the directories through one work queue (a stack: depth first, so the
 * queue stays short). Prints "entries N dirs N changed N" on stdout; exit 1 on any error.
 * benchmarks/run compiles it with `cc -O2 -pthread`, cached by the source's hash.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#ifndef SYS_listxattrat
#define SYS_listxattrat 465 /* the same number on every architecture (Linux 6.13) */
#endif

struct linux_dirent64 {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static char **stack;
static size_t depth, capacity;
static size_t busy;          /* workers holding a directory */
static int changing;
static int reading_attributes; /* MODE attrs */
static int failed;
static size_t root_length;

/* LIST of MODE listed: an open-addressing table of relative paths and their modes. */
struct listed_entry {
  const char *path;
  mode_t mode;
};
static struct listed_entry *listed;
static size_t listed_slots; /* a power of two, at least twice the records */

static uint64_t hash(const char *text, size_t length) {
  uint64_t value = 1469598103934665603ULL;
  for (size_t i = 0; i < length; i++) value = (value ^ (unsigned char)text[i]) * 1099511628211ULL;
  return value;
}

static void load_list(const char *file) {
  FILE *input = fopen(file, "rb");
  if (!input) {
    perror(file);
    exit(1);
  }
  static char *text;
  size_t length = 0, size = 0;
  for (;;) {
    if (length == size) {
      size = size ? 2 * size : 1 << 20;
      text = realloc(text, size + 1);
      if (!text) exit(1);
    }
    size_t got = fread(text + length, 1, size - length, input);
    if (got == 0) break;
    length += got;
  }
  fclose(input);
  text[length] = 0;
  size_t records = 0;
  for (size_t i = 0; i < length; i++) records += text[i] == 0;
  for (listed_slots = 16; listed_slots < 2 * records; listed_slots *= 2) {}
  listed = calloc(listed_slots, sizeof *listed);
  if (!listed) exit(1);
  for (char *record = text; record < text + length; record += strlen(record) + 1) {
    char *space = strchr(record, ' ');
    if (!space) {
      fprintf(stderr, "statwalk: malformed record in %s\n", file);
      exit(2);
    }
    const char *path = space + 1;
    size_t slot = hash(path, strlen(path)) & (listed_slots - 1);
    while (listed[slot].path) slot = (slot + 1) & (listed_slots - 1);
    listed[slot].path = path;
    listed[slot].mode = (mode_t)strtoul(record, NULL, 8);
  }
}

/* The mode LIST gives the entry NAME of the directory PATH, or -1 when LIST does not name it. */
static long listed_mode(const char *path, size_t path_length, const char *name) {
  char relative[8192];
  size_t start = path_length > root_length ? root_length + 1 : path_length;
  size_t prefix = path_length - start, name_length = strlen(name);
  if (prefix + name_length + 2 > sizeof relative) return -1;
  memcpy(relative, path + start, prefix);
  if (prefix) relative[prefix++] = '/';
  memcpy(relative + prefix, name, name_length + 1);
  size_t length = prefix + name_length;
  for (size_t slot = hash(relative, length) & (listed_slots - 1); listed[slot].path;
       slot = (slot + 1) & (listed_slots - 1)) {
    if (!strcmp(listed[slot].path, relative)) return listed[slot].mode;
  }
  return -1;
}
static uint64_t entries, dirs, changed;

static void push(char *path) {
  pthread_mutex_lock(&lock);
  if (depth == capacity) {
    capacity = capacity ? 2 * capacity : 1024;
    stack = realloc(stack, capacity * sizeof *stack);
    if (!stack) {
      perror("realloc");
      exit(1);
    }
  }
  stack[depth++] = path;
  pthread_cond_signal(&ready);
  pthread_mutex_unlock(&lock);
}

/* The next directory, or NULL when the queue is empty and no worker can add to it. */
static char *pop(void) {
  pthread_mutex_lock(&lock);
  busy--;
  while (depth == 0 && busy > 0) pthread_cond_wait(&ready, &lock);
  char *path = NULL;
  if (depth > 0) {
    path = stack[--depth];
    busy++;
  } else {
    pthread_cond_broadcast(&ready);
  }
  pthread_mutex_unlock(&lock);
  return path;
}

static void fail(const char *what, const char *path) {
  fprintf(stderr, "statwalk: %s %s: %s\n", what, path, strerror(errno));
  __atomic_store_n(&failed, 1, __ATOMIC_RELAXED);
}

static void walk_dir(char *path, uint64_t *n, uint64_t *d, uint64_t *c) {
  int fd = openat(AT_FDCWD, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    fail("openat", path);
    return;
  }
  size_t plen = strlen(path);
  char buf[32768];
  for (;;) {
    long got = syscall(SYS_getdents64, fd, buf, sizeof buf);
    if (got < 0) fail("getdents64", path);
    if (got <= 0) break;
    for (long off = 0; off < got;) {
      struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);
      off += e->d_reclen;
      const char *name = e->d_name;
      if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2]))) continue;
      struct stat st;
      if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        fail("fstatat", name);
        continue;
      }
      (*n)++;
      if (changing && !S_ISLNK(st.st_mode)) {
        mode_t mode = ((st.st_mode & 07777) | S_IWGRP) & ~(mode_t)S_IWOTH;
        if (fchmodat(fd, name, mode, 0) != 0) fail("fchmodat", name);
        (*c)++;
      } else if (listed) {
        long mode = listed_mode(path, plen, name);
        if (reading_attributes && (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) &&
            ((st.st_mode | (mode >= 0 ? (mode_t)mode : 0)) & S_IWGRP)) {
          char names[256];
          long got = syscall(SYS_listxattrat, fd, name, AT_SYMLINK_NOFOLLOW, names, sizeof names);
          if (got < 0 && errno == ENOSYS) { /* before Linux 6.13: by path, as apply's fallback */
            char full[8192];
            snprintf(full, sizeof full, "%s/%s", path, name);
            got = llistxattr(full, names, sizeof names);
          }
          if (got < 0 && errno != ERANGE && errno != ENOTSUP) fail("listxattrat", name);
        }
        if (mode >= 0) {
          if (fchmodat(fd, name, (mode_t)mode, 0) != 0) fail("fchmodat", name);
          (*c)++;
        }
      }
      if (S_ISDIR(st.st_mode)) {
        (*d)++;
        size_t nlen = strlen(name);
        char *child = malloc(plen + nlen + 2);
        memcpy(child, path, plen);
        child[plen] = '/';
        memcpy(child + plen + 1, name, nlen + 1);
        push(child);
      }
    }
  }
  close(fd);
}

static void *worker(void *unused) {
  (void)unused;
  uint64_t n = 0, d = 0, c = 0;
  pthread_mutex_lock(&lock);
  busy++;
  pthread_mutex_unlock(&lock);
  for (char *path; (path = pop());) {
    walk_dir(path, &n, &d, &c);
    free(path);
  }
  __atomic_add_fetch(&entries, n, __ATOMIC_RELAXED);
  __atomic_add_fetch(&dirs, d, __ATOMIC_RELAXED);
  __atomic_add_fetch(&changed, c, __ATOMIC_RELAXED);
  return NULL;
}

int main(int argc, char **argv) {
  reading_attributes = argc == 5 && !strcmp(argv[1], "attrs");
  int is_listed = argc == 5 && (!strcmp(argv[1], "listed") || reading_attributes);
  if ((argc != 4 || (strcmp(argv[1], "stat") && strcmp(argv[1], "change"))) && !is_listed) {
    fprintf(stderr,
            "usage: statwalk stat|change THREADS ROOT | statwalk listed|attrs THREADS ROOT LIST\n");
    return 2;
  }
  if (atoi(argv[2]) < 1) {
    fprintf(stderr, "statwalk: THREADS must be at least 1\n");
    return 2;
  }
  changing = !strcmp(argv[1], "change");
  if (is_listed) load_list(argv[4]);
  int threads = atoi(argv[2]);
  root_length = strlen(argv[3]);
  push(strdup(argv[3]));
  pthread_t ids[threads];
  for (int i = 0; i < threads; i++) pthread_create(&ids[i], NULL, worker, NULL);
  for (int i = 0; i < threads; i++) pthread_join(ids[i], NULL);
  printf("entries %llu dirs %llu changed %llu\n", (unsigned long long)entries,
         (unsigned long long)dirs, (unsigned long long)changed);
  return failed;
}
