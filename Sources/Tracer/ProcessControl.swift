import CTracerShims
import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

/// Typed process calls of the tracer's loop: waiting for tracees, signalling them, waiting for signals.
enum ProcessControl {
  /// A process's state change, as `waitpid` reports it.
  struct Change {
    /// The process or thread.
    let pid: pid_t
    /// The raw wait status.
    let status: Int32

    /// Whether it ended, and how: its exit status or the signal that killed it.
    var ending: TraceEnding? {
      let signal = status & 0x7F
      if signal == 0 { return .exited((status >> 8) & 0xFF) }
      if signal != 0x7F { return .killed(signal: signal) }
      return nil
    }

    /// The stopping signal, when it is stopped.
    var stopSignal: Int32? { status & 0xFF == 0x7F ? (status >> 8) & 0xFF : nil }
    /// The `PTRACE_EVENT_*` of a stop, or 0.
    var event: Int32 { (status >> 16) & 0xFF }
  }

  /// The next change of any tracee or child of this thread (`__WALL|__WNOTHREAD`: another thread's children are
  /// left to it), or nil when none is waiting (`WNOHANG`); `ECHILD` (`noneLeft`) when none is left.
  static func nextChange(pid: pid_t = -1, blocking: Bool = false) throws(Errno) -> Change? {
    var status: Int32 = 0
    while true {
      let reaped = waitpid(pid, &status, allTracees | (blocking ? 0 : WNOHANG))
      if reaped > 0 { return Change(pid: reaped, status: status) }
      if reaped == 0 { return nil }
      let error = Errno(rawValue: errno)
      if error == .interrupted { continue }
      throw error
    }
  }

  /// `__WALL|__WNOTHREAD`: children and tracees of every kind, of the calling thread only.
  private static let allTracees = Int32(bitPattern: 0x4000_0000) | 0x2000_0000

  /// `ECHILD`: no child or tracee is left to wait for.
  static let noneLeft = Errno(rawValue: ECHILD)

  /// Sends `signal` to `pid`; a process already gone is not an error.
  static func send(_ signal: Int32, to pid: pid_t) {
    _ = kill(pid, signal)
  }

  /// The process group of `pid`, or nil when it cannot be read (it ended).
  static func group(of pid: pid_t) -> pid_t? {
    let group = getpgid(pid)
    return group < 0 ? nil : group
  }

  /// Sets whether processes of this user may `ptrace` this one or read and write its memory (`PR_SET_DUMPABLE`);
  /// returns the previous setting.
  static func setDumpable(_ dumpable: Bool) throws(Errno) -> Bool {
    let previous = gw_set_dumpable(dumpable ? 1 : 0)
    if previous < 0 { throw Errno(rawValue: errno) }
    return previous == 1
  }

  /// Arms a kernel timer that kills this whole process (`SIGKILL`) after `seconds`, whatever its threads do or
  /// whether it is stopped; `PTRACE_O_EXITKILL` then kills every tracee. `cancel` it when the trace is over.
  static func armKillTimer(seconds: Double) throws(Errno) -> KillTimer {
    var timer = 0
    guard gw_kill_timer_create(seconds, &timer) == 0 else { throw Errno(rawValue: errno) }
    return KillTimer(timer: timer)
  }

  /// A timer `armKillTimer` armed.
  struct KillTimer {
    fileprivate let timer: Int

    /// Deletes the timer before it fires.
    func cancel() {
      _ = gw_kill_timer_delete(timer)
    }
  }

  /// The signals the loop waits for: a tracee's change, and the requests to stop.
  static let stopSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

  /// Blocks `SIGCHLD` and the stop signals in this thread, so that `waitForSignal` takes them; returns the mask
  /// that was in force, for the traced command to run with.
  static func blockLoopSignals() -> sigset_t {
    var blocked = sigset_t()
    sigemptyset(&blocked)
    for signal in [SIGCHLD] + stopSignals { sigaddset(&blocked, signal) }
    var previous = sigset_t()
    _ = pthread_sigmask(SIG_BLOCK, &blocked, &previous)
    return previous
  }

  /// Restores the mask `blockLoopSignals` returned.
  static func restoreSignals(_ mask: sigset_t) {
    var mask = mask
    _ = pthread_sigmask(SIG_SETMASK, &mask, nil)
  }

  /// Waits up to `seconds` for a blocked `SIGCHLD` or stop signal; returns the signal, or nil on time-out.
  static func waitForSignal(seconds: Double) -> Int32? {
    var set = sigset_t()
    sigemptyset(&set)
    for signal in [SIGCHLD] + stopSignals { sigaddset(&set, signal) }
    let clamped = max(0, min(seconds, 3600))
    var timeout = timespec(
      tv_sec: Int(clamped), tv_nsec: Int((clamped - clamped.rounded(.down)) * 1e9))
    let signal = sigtimedwait(&set, nil, &timeout)
    return signal > 0 ? signal : nil
  }
}
