import CTracerShims

#if canImport(Glibc)
  import Glibc
#endif

/// Whether a call the filter stopped for sending a stop signal could reach a process the trace does not follow: the
/// tracer above all, which stopped would no longer enforce `--seconds` while its tracees run on.
enum StopSignalTarget {
  /// What the tracer knows when it decides.
  struct Context {
    /// The tracer's process group.
    let tracerGroup: pid_t
    /// The calling tracee's process group, or nil when it cannot be read.
    let callerGroup: pid_t?
    /// Whether a process or thread id is one the trace follows.
    let isTracee: (pid_t) -> Bool
  }

  /// True when `number` with `arguments` may stop a process outside the trace: `kill` (and `rt_sigqueueinfo`) of a
  /// process that is not a tracee, of the tracer's group (0 from a tracee in it, or `-group`) or of every process
  /// (-1); `tkill`, `tgkill` and `rt_tgsigqueueinfo` of a thread that is not a tracee; and `pidfd_send_signal`,
  /// whose target is a descriptor in the tracee.
  static func leavesTheTrace(call number: Int, arguments: [UInt], context: Context) -> Bool {
    func target(_ index: Int) -> pid_t {
      index < arguments.count ? pid_t(truncatingIfNeeded: arguments[index]) : 0
    }
    switch number {
    case gw_sys_kill, gw_sys_rt_sigqueueinfo:
      let pid = target(0)
      if pid > 0 { return !context.isTracee(pid) }
      if pid == 0 { return context.callerGroup.map { $0 == context.tracerGroup } ?? true }
      if pid == -1 { return true }
      return pid.magnitude == context.tracerGroup.magnitude
    case gw_sys_tkill:
      return !context.isTracee(target(0))
    case gw_sys_tgkill, gw_sys_rt_tgsigqueueinfo:
      return !context.isTracee(target(1))
    default:
      return true
    }
  }
}
