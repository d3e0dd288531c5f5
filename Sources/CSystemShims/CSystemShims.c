#define _GNU_SOURCE
#include "CSystemShims.h"
#include <sys/syscall.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <linux/capability.h>
#include <linux/fs.h>
#include <stdint.h>
#include <sys/xattr.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif

// The *xattrat calls share one number on every architecture (Linux 6.13).
#ifndef SYS_getxattrat
#define SYS_getxattrat 464
#endif
#ifndef SYS_listxattrat
#define SYS_listxattrat 465
#endif

long gw_list_attributes_fd(int fd, char *list, size_t size) {
  return flistxattr(fd, list, size);
}

long gw_get_attribute_fd(int fd, const char *name, void *value, size_t size) {
  return fgetxattr(fd, name, value, size);
}

long gw_list_attributes_at(int dirfd, const char *name, char *list, size_t size) {
  return syscall(SYS_listxattrat, dirfd, name, AT_SYMLINK_NOFOLLOW, list, size);
}

long gw_get_attribute_at(int dirfd, const char *name, const char *attribute, void *value, size_t size) {
  struct { uint64_t value; uint32_t size; uint32_t flags; } arguments = {(uintptr_t)value, (uint32_t)size, 0};
  return syscall(SYS_getxattrat, dirfd, name, AT_SYMLINK_NOFOLLOW, attribute, &arguments, sizeof arguments);
}

// "/proc/self/fd/N" of `fd` (never negative), in `path` (32 bytes hold any int); by hand, as snprintf costs
// more than the system call it prepares on the walk's path.
static void proc_fd_path(int fd, char path[32]) {
  static const char prefix[] = "/proc/self/fd/";
  char digits[12];
  int count = 0;
  unsigned value = (unsigned)fd;
  do {
    digits[count++] = (char)('0' + value % 10);
    value /= 10;
  } while (value != 0 && count < 11);
  size_t length = sizeof prefix - 1;
  memcpy(path, prefix, length);
  while (count > 0) path[length++] = digits[--count];
  path[length] = '\0';
}

long gw_list_attributes_proc(int fd, char *list, size_t size) {
  char path[32];
  proc_fd_path(fd, path);
  return listxattr(path, list, size);
}

long gw_get_attribute_proc(int fd, const char *attribute, void *value, size_t size) {
  char path[32];
  proc_fd_path(fd, path);
  return getxattr(path, attribute, value, size);
}

unsigned gw_deciding_attributes_in(const char *list, size_t length) {
  static const struct { const char *name; size_t length; unsigned bit; } deciding[] = {
      {"system.posix_acl_access", sizeof "system.posix_acl_access" - 1, GW_ACCESS_ACL},
      {"system.posix_acl_default", sizeof "system.posix_acl_default" - 1, GW_DEFAULT_ACL},
      {"security.capability", sizeof "security.capability" - 1, GW_CAPABILITIES},
  };
  unsigned bits = 0;
  size_t start = 0;
  while (start < length) {
    const char *end = memchr(list + start, 0, length - start);
    size_t name_length = end ? (size_t)(end - (list + start)) : length - start;
    for (size_t i = 0; i < sizeof deciding / sizeof deciding[0]; i++) {
      if (deciding[i].length == name_length && !memcmp(deciding[i].name, list + start, name_length)) {
        bits |= deciding[i].bit;
      }
    }
    start += name_length + 1;
  }
  return bits;
}

// The bits of a listing of `length` bytes in `list`, or -1 (errno set by the listing).
static long deciding_bits(long length, const char *list) {
  return length < 0 ? -1 : (long)gw_deciding_attributes_in(list, (size_t)length);
}

long gw_deciding_attributes_fd(int fd) {
  char list[256];
  long length;
  do length = flistxattr(fd, list, sizeof list); while (length < 0 && errno == EINTR);
  return deciding_bits(length, list);
}

long gw_deciding_attributes_at(int dirfd, const char *name) {
  char list[256];
  long length;
  do length = gw_list_attributes_at(dirfd, name, list, sizeof list); while (length < 0 && errno == EINTR);
  return deciding_bits(length, list);
}

long gw_deciding_attributes_proc(int fd) {
  char list[256];
  long length;
  do length = gw_list_attributes_proc(fd, list, sizeof list); while (length < 0 && errno == EINTR);
  return deciding_bits(length, list);
}

#ifndef STATX_ATTR_MOUNT_ROOT
#define STATX_ATTR_MOUNT_ROOT 0x00002000
#endif

int gw_status_at(int dirfd, const char *name, int flags, struct gw_file_status *out) {
  struct statx status;
  if (statx(dirfd, name, flags, STATX_BASIC_STATS, &status) != 0) return -1;
  out->mode = status.stx_mode;
  out->uid = status.stx_uid;
  out->gid = status.stx_gid;
  out->link_count = status.stx_nlink;
  out->device = makedev(status.stx_dev_major, status.stx_dev_minor);
  out->inode = status.stx_ino;
  out->size = (long long)status.stx_size;
  if (status.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) {
    out->mount_root = (status.stx_attributes & STATX_ATTR_MOUNT_ROOT) != 0;
  } else {
    out->mount_root = -1;
  }
  return 0;
}

int gw_status(int fd, struct gw_file_status *out) {
  return gw_status_at(fd, "", AT_EMPTY_PATH, out);
}

long gw_getdents64(int fd, void *buffer, size_t length) {
  return syscall(SYS_getdents64, fd, buffer, length);
}

int gw_fchmodat2(int dirfd, const char *name, mode_t mode, int flags) {
  return (int)syscall(SYS_fchmodat2, dirfd, name, mode, flags);
}

int gw_rename_noreplace(int from_dir, const char *from, int to_dir, const char *to) {
  return (int)syscall(SYS_renameat2, from_dir, from, to_dir, to, RENAME_NOREPLACE);
}

int gw_fchmod_handle(int handle, mode_t mode) {
  return (int)syscall(SYS_fchmodat2, handle, "", mode, AT_EMPTY_PATH);
}

int gw_open_directory_handle(int dirfd, const char *name) {
  return openat(dirfd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

int gw_open_path_handle(int dirfd, const char *name) {
  return openat(dirfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
}

int gw_affinity_cpu_count(void) {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) != 0) return -1;
  return CPU_COUNT(&set);
}

int gw_has_effective_capability(int capability) {
  struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2];
  if (syscall(SYS_capget, &header, data) != 0) return -1;
  return (int)((data[capability / 32].effective >> (capability % 32)) & 1);
}

FILE *gw_standard_output(void) { return stdout; }

FILE *gw_standard_error(void) { return stderr; }

static int saved_argc = 0;
static char **saved_argv = NULL;

// Runs before the Swift runtime's initialisers (priority 101), with glibc's (argc, argv, envp).
//
// It keeps argv: a static Swift executable reads its arguments from /proc/self/cmdline, which is missing where
// /proc is not mounted. And there the runtime's crash backtracer, on by default on Linux, aborts before main
// ("Unable to obtain Swift runtime path") while it looks for its helper (none ships with this executable): with
// SWIFT_ROOT set it no longer needs /proc/self/exe, and backtracing is turned off.
__attribute__((constructor(101))) static void gw_prepare_process(int argc, char **argv, char **envp) {
  (void)envp;
  saved_argc = argc;
  saved_argv = argv;
  if (access("/proc/self/exe", F_OK) != 0) {
    setenv("SWIFT_BACKTRACE", "enable=no", 0);
    setenv("SWIFT_ROOT", "/", 0);
  }
}

int gw_argument_count(void) { return saved_argc; }

const char *gw_argument(int index) {
  return index >= 0 && index < saved_argc && saved_argv != NULL ? saved_argv[index] : NULL;
}
