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
#include <unistd.h>

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
static int failed;
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
  if (argc != 4 || (strcmp(argv[1], "stat") && strcmp(argv[1], "change")) || atoi(argv[2]) < 1) {
    fprintf(stderr, "usage: statwalk stat|change THREADS ROOT\n");
    return 2;
  }
  changing = !strcmp(argv[1], "change");
  int threads = atoi(argv[2]);
  push(strdup(argv[3]));
  pthread_t ids[threads];
  for (int i = 0; i < threads; i++) pthread_create(&ids[i], NULL, worker, NULL);
  for (int i = 0; i < threads; i++) pthread_join(ids[i], NULL);
  printf("entries %llu dirs %llu changed %llu\n", (unsigned long long)entries,
         (unsigned long long)dirs, (unsigned long long)changed);
  return failed;
}
