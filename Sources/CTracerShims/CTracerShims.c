#define _GNU_SOURCE
#include "CTracerShims.h"
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <unistd.h>
#include <sched.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <sys/user.h>
#include <linux/audit.h>
#include <linux/seccomp.h>

#ifdef SYS_open
#define GW_NR(name) SYS_##name
#else
#define GW_NR(name) -1
#endif

#ifndef SYS_openat2
#define SYS_openat2 437
#endif
#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif
#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif

// Calls every architecture has.
const long gw_sys_openat = SYS_openat, gw_sys_openat2 = SYS_openat2, gw_sys_mkdirat = SYS_mkdirat,
    gw_sys_renameat2 = SYS_renameat2, gw_sys_linkat = SYS_linkat, gw_sys_symlinkat = SYS_symlinkat,
    gw_sys_unlinkat = SYS_unlinkat, gw_sys_fchmod = SYS_fchmod, gw_sys_fchmodat = SYS_fchmodat,
    gw_sys_fchmodat2 = SYS_fchmodat2, gw_sys_fchown = SYS_fchown, gw_sys_fchownat = SYS_fchownat,
    gw_sys_truncate = SYS_truncate, gw_sys_ftruncate = SYS_ftruncate, gw_sys_mknodat = SYS_mknodat,
    gw_sys_bind = SYS_bind, gw_sys_utimensat = SYS_utimensat;

// The older calls that only some architectures (x86_64 among them) still have.
const long gw_sys_open = GW_NR(open), gw_sys_creat = GW_NR(creat), gw_sys_mkdir = GW_NR(mkdir),
    gw_sys_rename = GW_NR(rename), gw_sys_renameat = GW_NR(renameat), gw_sys_link = GW_NR(link),
    gw_sys_symlink = GW_NR(symlink), gw_sys_unlink = GW_NR(unlink), gw_sys_rmdir = GW_NR(rmdir),
    gw_sys_chmod = GW_NR(chmod), gw_sys_chown = GW_NR(chown), gw_sys_lchown = GW_NR(lchown),
    gw_sys_mknod = GW_NR(mknod), gw_sys_utime = GW_NR(utime), gw_sys_utimes = GW_NR(utimes),
    gw_sys_futimesat = GW_NR(futimesat);

// The calls the filter watches for a way out of the trace: new processes, and signals that could stop the tracer.
const long gw_sys_clone = SYS_clone, gw_sys_clone3 = SYS_clone3, gw_sys_kill = SYS_kill, gw_sys_tkill = SYS_tkill,
    gw_sys_tgkill = SYS_tgkill, gw_sys_rt_sigqueueinfo = SYS_rt_sigqueueinfo,
    gw_sys_rt_tgsigqueueinfo = SYS_rt_tgsigqueueinfo, gw_sys_pidfd_send_signal = SYS_pidfd_send_signal;
const uint32_t gw_clone_untraced = CLONE_UNTRACED;

#if defined(__x86_64__)
const uint32_t gw_audit_arch = AUDIT_ARCH_X86_64;
#else
const uint32_t gw_audit_arch = 0;
#endif
const uint32_t gw_seccomp_data_nr = offsetof(struct seccomp_data, nr);
const uint32_t gw_seccomp_data_arch = offsetof(struct seccomp_data, arch);
const uint32_t gw_seccomp_data_args = offsetof(struct seccomp_data, args);
const uint32_t gw_seccomp_allow = SECCOMP_RET_ALLOW, gw_seccomp_trace = SECCOMP_RET_TRACE,
               gw_seccomp_errno = SECCOMP_RET_ERRNO;

const int gw_ptrace_cont = PTRACE_CONT, gw_ptrace_syscall = PTRACE_SYSCALL,
    gw_ptrace_setoptions = PTRACE_SETOPTIONS, gw_ptrace_geteventmsg = PTRACE_GETEVENTMSG,
    gw_ptrace_getsiginfo = PTRACE_GETSIGINFO, gw_ptrace_listen = PTRACE_LISTEN;
const long gw_ptrace_options = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACESECCOMP | PTRACE_O_TRACEFORK |
                               PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC |
                               PTRACE_O_EXITKILL;
const int gw_event_fork = PTRACE_EVENT_FORK, gw_event_vfork = PTRACE_EVENT_VFORK,
    gw_event_clone = PTRACE_EVENT_CLONE, gw_event_exec = PTRACE_EVENT_EXEC,
    gw_event_seccomp = PTRACE_EVENT_SECCOMP, gw_event_stop = PTRACE_EVENT_STOP;

long gw_ptrace(int request, pid_t pid, void *addr, void *data) {
  return ptrace((enum __ptrace_request)request, pid, addr, data);
}

int gw_read_syscall_registers(pid_t pid, struct gw_syscall_registers *registers) {
#if defined(__x86_64__)
  struct user_regs_struct regs;
  if (ptrace(PTRACE_GETREGS, pid, NULL, &regs) != 0) return -1;
  registers->number = (long)regs.orig_rax;
  registers->arguments[0] = regs.rdi;
  registers->arguments[1] = regs.rsi;
  registers->arguments[2] = regs.rdx;
  registers->arguments[3] = regs.r10;
  registers->arguments[4] = regs.r8;
  registers->arguments[5] = regs.r9;
  registers->result = (long)regs.rax;
  return 0;
#else
  (void)pid;
  (void)registers;
  errno = ENOSYS;
  return -1;
#endif
}

long gw_read_process_memory(pid_t pid, uintptr_t address, void *buffer, size_t length) {
  struct iovec local = {.iov_base = buffer, .iov_len = length};
  struct iovec remote = {.iov_base = (void *)address, .iov_len = length};
  return (long)process_vm_readv(pid, &local, 1, &remote, 1, 0);
}

int gw_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int gw_kill_timer_create(double seconds, intptr_t *timer) {
  struct sigevent event = {0};
  event.sigev_notify = SIGEV_SIGNAL;
  event.sigev_signo = SIGKILL;
  timer_t created;
  if (timer_create(CLOCK_MONOTONIC, &event, &created) != 0) return -1;
  struct itimerspec when = {0};
  when.it_value.tv_sec = (time_t)seconds;
  when.it_value.tv_nsec = (long)((seconds - (double)(time_t)seconds) * 1e9);
  if (timer_settime(created, 0, &when, NULL) != 0) {
    int error = errno;
    timer_delete(created);
    errno = error;
    return -1;
  }
  *timer = (intptr_t)created;
  return 0;
}

int gw_kill_timer_delete(intptr_t timer) { return timer_delete((timer_t)timer); }

int gw_set_dumpable(int dumpable) {
  int previous = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
  if (previous < 0) return -1;
  if (prctl(PR_SET_DUMPABLE, dumpable, 0, 0, 0) != 0) return -1;
  return previous;
}

static void gw_fail(int error_fd, int step) {
  int message[2] = {step, errno};
  ssize_t ignored = write(error_fd, message, sizeof message);
  (void)ignored;
  _exit(127);
}

void gw_trace_child_exec(const char *path, char *const argv[], char *const envp[],
                         const struct sock_filter *filter, unsigned short count, int error_fd,
                         const sigset_t *mask) {
  if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0) gw_fail(error_fd, gw_step_traceme);
  if (raise(SIGSTOP) != 0) gw_fail(error_fd, gw_step_stop);
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) gw_fail(error_fd, gw_step_no_new_privs);
  struct sock_fprog program = {.len = count, .filter = (struct sock_filter *)filter};
  if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &program) != 0) gw_fail(error_fd, gw_step_seccomp);
  sigprocmask(SIG_SETMASK, mask, NULL);
  execve(path, argv, envp);
  gw_fail(error_fd, gw_step_exec);
  _exit(127);
}
