import CTracerShims
import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

/// Typed `ptrace(2)` requests on a stopped tracee, in the style of swift-system: each throws the `Errno` it failed with.
enum Ptrace {
  /// `PTRACE_SETOPTIONS` with the tracer's options: seccomp stops, every new process and thread traced, exec
  /// stops reported, syscall stops marked, and every tracee killed if the tracer dies.
  static func setOptions(_ pid: pid_t) throws(Errno) {
    try check(
      gw_ptrace(
        gw_ptrace_setoptions, pid, nil, UnsafeMutableRawPointer(bitPattern: Int(gw_ptrace_options)))
    )
  }

  /// Resumes `pid`, delivering `signal` (0 for none); `toExit` stops it again at the end of its current system call.
  static func resume(_ pid: pid_t, signal: Int32 = 0, toExit: Bool = false) throws(Errno) {
    let request = toExit ? gw_ptrace_syscall : gw_ptrace_cont
    try check(gw_ptrace(request, pid, nil, UnsafeMutableRawPointer(bitPattern: Int(signal))))
  }

  /// The message of the last `PTRACE_EVENT_*` stop, such as a new process's id.
  static func eventMessage(_ pid: pid_t) throws(Errno) -> UInt {
    var message: UInt = 0
    try check(gw_ptrace(gw_ptrace_geteventmsg, pid, nil, &message))
    return message
  }

  /// Whether `pid`'s stop delivers a signal (`PTRACE_GETSIGINFO` succeeds) rather than being a group stop.
  static func isSignalDelivery(_ pid: pid_t) -> Bool {
    var information = siginfo_t()
    return gw_ptrace(gw_ptrace_getsiginfo, pid, nil, &information) == 0
  }

  /// The stopped system call's number and arguments (at a seccomp stop) or its result (at its exit).
  static func registers(_ pid: pid_t) throws(Errno) -> SyscallRegisters {
    var raw = gw_syscall_registers()
    guard gw_read_syscall_registers(pid, &raw) == 0 else { throw Errno(rawValue: errno) }
    let arguments = withUnsafeBytes(of: raw.arguments) { Array($0.bindMemory(to: UInt.self)) }
    return SyscallRegisters(number: raw.number, arguments: arguments, result: raw.result)
  }

  private static func check(_ result: Int) throws(Errno) {
    if result < 0 { throw Errno(rawValue: errno) }
  }
}

/// A stopped system call as its registers hold it.
struct SyscallRegisters: Sendable {
  /// The call's number (`orig_rax` on x86_64).
  let number: Int
  /// Its six arguments.
  let arguments: [UInt]
  /// Its return value: a negative errno on failure (valid at the call's exit).
  let result: Int
}
