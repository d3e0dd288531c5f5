// The Linux interfaces the tracer needs that Swift's Glibc module does not import: `ptrace` (variadic in glibc),
// the seccomp and BPF constants, the registers of a stopped system call, and the child's steps before `exec`.
#ifndef GROUP_WRITABLE_C_TRACER_SHIMS_H
#define GROUP_WRITABLE_C_TRACER_SHIMS_H

#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <sys/types.h>
#include <linux/filter.h>

/// The system calls the tracer stops on, by this architecture's number; -1 where the architecture has none.
extern const long gw_sys_open, gw_sys_openat, gw_sys_openat2, gw_sys_creat, gw_sys_mkdir, gw_sys_mkdirat,
    gw_sys_rename, gw_sys_renameat, gw_sys_renameat2, gw_sys_link, gw_sys_linkat, gw_sys_symlink,
    gw_sys_symlinkat, gw_sys_unlink, gw_sys_unlinkat, gw_sys_rmdir, gw_sys_chmod, gw_sys_fchmod,
    gw_sys_fchmodat, gw_sys_fchmodat2, gw_sys_chown, gw_sys_lchown, gw_sys_fchown, gw_sys_fchownat,
    gw_sys_truncate, gw_sys_ftruncate, gw_sys_mknod, gw_sys_mknodat, gw_sys_bind, gw_sys_utime,
    gw_sys_utimes, gw_sys_utimensat, gw_sys_futimesat;

/// The calls the filter watches for a way out of the trace: `clone`, `clone3`, and the calls that send a signal.
extern const long gw_sys_clone, gw_sys_clone3, gw_sys_kill, gw_sys_tkill, gw_sys_tgkill, gw_sys_rt_sigqueueinfo,
    gw_sys_rt_tgsigqueueinfo, gw_sys_pidfd_send_signal;
/// `CLONE_UNTRACED`: a child `ptrace` does not follow.
extern const uint32_t gw_clone_untraced;

/// This architecture's `AUDIT_ARCH_*` value, as seccomp reports it; 0 when the tracer does not support it.
extern const uint32_t gw_audit_arch;
/// Offsets of `struct seccomp_data`'s fields: the call's number, its architecture, and argument 0.
extern const uint32_t gw_seccomp_data_nr, gw_seccomp_data_arch, gw_seccomp_data_args;
/// `SECCOMP_RET_ALLOW`, `SECCOMP_RET_TRACE` and `SECCOMP_RET_ERRNO`.
extern const uint32_t gw_seccomp_allow, gw_seccomp_trace, gw_seccomp_errno;

/// `ptrace(2)` requests and options the tracer uses.
extern const int gw_ptrace_cont, gw_ptrace_syscall, gw_ptrace_setoptions, gw_ptrace_geteventmsg,
    gw_ptrace_getsiginfo, gw_ptrace_listen;
extern const long gw_ptrace_options;
/// `PTRACE_EVENT_*` values, found in `status >> 16` of a stop.
extern const int gw_event_fork, gw_event_vfork, gw_event_clone, gw_event_exec, gw_event_seccomp, gw_event_stop;

/// `ptrace(request, pid, addr, data)`: glibc's `ptrace` is variadic, which Swift cannot call.
long gw_ptrace(int request, pid_t pid, void *addr, void *data);

/// A stopped system call: its number and six arguments (at a seccomp stop) or its return value (at its exit).
struct gw_syscall_registers {
  long number;
  unsigned long arguments[6];
  long result;
};

/// Reads the registers of the stopped `pid` into `registers`; 0, or -1 with errno.
int gw_read_syscall_registers(pid_t pid, struct gw_syscall_registers *registers);

/// `process_vm_readv` of one range: reads up to `length` bytes at `address` in `pid`; the count, or -1 with errno.
long gw_read_process_memory(pid_t pid, uintptr_t address, void *buffer, size_t length);

/// `pipe2(fds, O_CLOEXEC)`: the pipe the child reports a failure before `exec` through.
int gw_pipe_cloexec(int fds[2]);

/// Arms a one-shot `CLOCK_MONOTONIC` timer that sends `SIGKILL` to this process after `seconds` and stores its id
/// (a `timer_t`, which may be 0) in `timer`; 0, or -1 with errno.
int gw_kill_timer_create(double seconds, intptr_t *timer);

/// Deletes a timer `gw_kill_timer_create` armed; 0, or -1 with errno.
int gw_kill_timer_delete(intptr_t timer);

/// `prctl(PR_SET_DUMPABLE, dumpable)`: returns the previous value, or -1 with errno.
int gw_set_dumpable(int dumpable);

/// What failed in the child before `exec`, written to the error pipe with the errno.
enum gw_trace_child_step {
  gw_step_traceme = 1,
  gw_step_stop = 2,
  gw_step_no_new_privs = 3,
  gw_step_seccomp = 4,
  gw_step_exec = 5,
};

/// The child's side, after `fork`: asks to be traced, stops until the tracer has set its options, installs
/// `filter`, sets the signal mask to `mask` and runs `path`. Only async-signal-safe calls. On failure it writes
/// `{step, errno}` (two ints) to `error_fd` and ends with status 127; it never returns.
void gw_trace_child_exec(const char *path, char *const argv[], char *const envp[],
                         const struct sock_filter *filter, unsigned short count, int error_fd,
                         const sigset_t *mask) __attribute__((noreturn));

#endif
