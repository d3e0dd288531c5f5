#define _GNU_SOURCE
#include "CSystemShims.h"
#include <sys/syscall.h>
#include <fcntl.h>
#include <unistd.h>
#include <sched.h>
#include <stdio.h>
#include <linux/capability.h>

#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif

long gw_getdents64(int fd, void *buffer, size_t length) {
  return syscall(SYS_getdents64, fd, buffer, length);
}

int gw_fchmodat2(int dirfd, const char *name, mode_t mode, int flags) {
  return (int)syscall(SYS_fchmodat2, dirfd, name, mode, flags);
}

int gw_fchmod_handle(int handle, mode_t mode) {
  return (int)syscall(SYS_fchmodat2, handle, "", mode, AT_EMPTY_PATH);
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
