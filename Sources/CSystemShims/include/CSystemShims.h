// One-line shims for Linux system calls that Swift's Glibc module does not import.
#ifndef GROUP_WRITABLE_C_SYSTEM_SHIMS_H
#define GROUP_WRITABLE_C_SYSTEM_SHIMS_H

#include <stddef.h>
#include <sys/types.h>
#include <stdio.h>

/// Reads directory entries (`struct linux_dirent64` records) from `fd` into `buffer`.
long gw_getdents64(int fd, void *buffer, size_t length);

/// `fchmodat2(2)` (Linux 6.6+), which honours `AT_SYMLINK_NOFOLLOW` and `AT_EMPTY_PATH`; -1 with ENOSYS on older kernels.
int gw_fchmodat2(int dirfd, const char *name, mode_t mode, int flags);

/// `renameat2(from_dir, from, to_dir, to, RENAME_NOREPLACE)`: moves an entry, never over another one.
int gw_rename_noreplace(int from_dir, const char *from, int to_dir, const char *to);

/// `fchmodat2(handle, "", mode, AT_EMPTY_PATH)`: changes the entry an `O_PATH` handle holds; ENOSYS before 6.6.
int gw_fchmod_handle(int handle, mode_t mode);

/// `openat(dirfd, name, O_PATH|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC)`: a directory handle for `*at` calls.
int gw_open_directory_handle(int dirfd, const char *name);

/// `openat(dirfd, name, O_PATH|O_NOFOLLOW|O_CLOEXEC)`: a handle on the entry itself, opening nothing.
int gw_open_path_handle(int dirfd, const char *name);

/// `flistxattr(fd, list, size)`: the names of the open entry's extended attributes.
long gw_list_attributes_fd(int fd, char *list, size_t size);

/// `fgetxattr(fd, name, value, size)`: one extended attribute of the open entry.
long gw_get_attribute_fd(int fd, const char *name, void *value, size_t size);

/// `listxattrat(dirfd, name, AT_SYMLINK_NOFOLLOW, list, size)` (Linux 6.13+): the names of the entry itself,
/// never a symlink's target; -1 with ENOSYS on older kernels.
long gw_list_attributes_at(int dirfd, const char *name, char *list, size_t size);

/// `getxattrat(dirfd, name, AT_SYMLINK_NOFOLLOW, attribute, …)` (Linux 6.13+); -1 with ENOSYS on older kernels.
long gw_get_attribute_at(int dirfd, const char *name, const char *attribute, void *value, size_t size);

/// The extended attributes that decide access, as bits of `gw_deciding_attributes_*`.
enum {
  /// `system.posix_acl_access`: an access ACL.
  GW_ACCESS_ACL = 1,
  /// `system.posix_acl_default`: a directory's default ACL.
  GW_DEFAULT_ACL = 2,
  /// `security.capability`: file capabilities.
  GW_CAPABILITIES = 4,
};

/// Which deciding attributes the NUL-separated names in `list` hold (a last name may lack its NUL).
unsigned gw_deciding_attributes_in(const char *list, size_t length);

/// The deciding attributes of the open entry `fd` (`flistxattr` into 256 bytes on the stack): their bits, or
/// -1 with errno (ERANGE when the names take more; the caller lists them into a larger buffer). Retries EINTR.
/// The walk's hot path: the listing and the matching are one call from Swift.
long gw_deciding_attributes_fd(int fd);

/// The same for `name` in `dirfd`, never following a symlink (`listxattrat`, Linux 6.13+; ENOSYS before).
long gw_deciding_attributes_at(int dirfd, const char *name);

/// The same for the entry the `O_PATH` handle `fd` holds, as `/proc/self/fd/N` (ENOENT without /proc).
long gw_deciding_attributes_proc(int fd);

/// `listxattr("/proc/self/fd/N", list, size)`: the names of the entry an `O_PATH` handle `fd` holds (the
/// `*xattr` calls refuse such a descriptor itself); ENOENT without /proc.
long gw_list_attributes_proc(int fd, char *list, size_t size);

/// `getxattr("/proc/self/fd/N", attribute, value, size)`: one attribute of the entry `fd` holds.
long gw_get_attribute_proc(int fd, const char *attribute, void *value, size_t size);

/// The parts of `struct statx` the walker needs; `mount_root` is 1 or 0, or -1 where the kernel does not say.
struct gw_file_status {
  unsigned int mode, uid, gid;
  unsigned long long link_count, device, inode;
  long long size;
  int mount_root;
};

/// `statx(dirfd, name, flags, STATX_BASIC_STATS)` into `out` (glibc falls back to `fstatat` on old kernels).
int gw_status_at(int dirfd, const char *name, int flags, struct gw_file_status *out);

/// `statx(fd, "", AT_EMPTY_PATH, …)`: the open entry's own status.
int gw_status(int fd, struct gw_file_status *out);

/// The number of CPUs in the calling process's affinity mask (`sched_getaffinity` and `CPU_COUNT`); -1 on error.
int gw_affinity_cpu_count(void);

/// Whether the calling thread has `capability` (such as `CAP_FOWNER`, 3) in its effective set: 1, 0, or -1 on error.
int gw_has_effective_capability(int capability);

/// The C library's standard output stream (Swift 6 cannot read the `stdout` global safely).
FILE *gw_standard_output(void);

/// The C library's standard error stream.
FILE *gw_standard_error(void);

/// The process's argument count, as glibc handed it to the executable's initialisers (before main).
int gw_argument_count(void);

/// Argument `index` (0 is the executable's name), or NULL.
const char *gw_argument(int index);

#endif
