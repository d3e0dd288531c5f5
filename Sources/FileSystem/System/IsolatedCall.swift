#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Runs a function in a forked copy of the process, so that an abort inside it cannot end the caller.
public enum IsolatedCall {
  /// How the child process ended.
  public enum Outcome: Equatable, Sendable {
    /// The function returned this status (0–255).
    case returned(Int32)
    /// The child was killed by this signal, for example `SIGABRT` from a failed C assertion.
    case killed(signal: Int32)
    /// The child ran out of its time limit (and was killed with `SIGALRM`).
    case timedOut
    /// No child could be started (`fork` or `waitpid` failed).
    case unavailable(Errno)
  }

  /// Forks, runs `body` in the child and waits for it: in the child standard error is closed,
  /// core dumps are off, no signal is blocked, fatal signals have their default action (no crash
  /// handler), and `timeLimit` seconds end it.
  ///
  /// The child ends with `_exit`, so it flushes nothing the parent buffered. Only the calling
  /// thread exists in the child, so a lock another thread held at the fork (the allocator's, the Swift
  /// runtime's, a sanitizer's) would never be released there: call this only while the process has one
  /// thread (docs/ARCHITECTURE.md, "Child processes"). Debug builds check that and stop the process if not.
  /// The time limit is armed first, with system calls only, and the parent keeps its own deadline
  /// too (`parentGrace` later), so a child stuck before it armed the alarm still ends as `.timedOut`.
  public static func run(timeLimit: UInt32, _ body: () -> Int32) -> Outcome {
    #if DEBUG
      if let threads = ProcessThreads.count(), threads > 1 {
        preconditionFailure(
          "IsolatedCall.run forks without exec while \(threads) threads run; a lock another thread holds "
            + "would never be released in the child. Fork only while the process has one thread "
            + "(docs/ARCHITECTURE.md, \"Child processes\"); tests parse TOML through TOMLChildParser.isolate."
        )
      }
    #endif
    let child = fork()
    if child < 0 { return .unavailable(.current) }
    if child == 0 {
      var unblocked = sigset_t()
      sigemptyset(&unblocked)
      _ = sigprocmask(SIG_SETMASK, &unblocked, nil)
      _ = signal(SIGALRM, SIG_DFL)
      _ = alarm(timeLimit)
      var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
      _ = setrlimit(Int32(RLIMIT_CORE.rawValue), &noCore)
      _ = close(STDERR_FILENO)
      _ = signal(SIGABRT, SIG_DFL)
      _ = signal(SIGSEGV, SIG_DFL)
      _ = signal(SIGBUS, SIG_DFL)
      _ = signal(SIGILL, SIG_DFL)
      _ = signal(SIGFPE, SIG_DFL)
      _ = signal(SIGTRAP, SIG_DFL)
      _exit(body() & 0xFF)
    }
    return wait(for: child, seconds: Double(timeLimit) + parentGrace)
  }

  /// How much longer than the child's own alarm the parent waits before it kills the child itself: a child that
  /// blocks inside `fork` (a lock a sanitizer's or the C library's fork handler takes) never arms its alarm.
  static let parentGrace = 2.0

  /// How the child ended; one still running after `seconds` is killed with `SIGKILL`, reaped, and `.timedOut`.
  private static func wait(for child: pid_t, seconds: Double) -> Outcome {
    let clock = MonotonicClock()
    let deadline = clock.now() + seconds
    // Nanoseconds, doubling up to 20 ms: a child is reaped within about twice its run time.
    var pause = 100_000
    var status: Int32 = 0
    while true {
      let reaped = waitpid(child, &status, WNOHANG)
      if reaped == child { return outcome(of: status) }
      if reaped < 0, case let error = Errno.current, error != .interrupted {
        return .unavailable(error)
      }
      if clock.now() >= deadline {
        _ = kill(child, SIGKILL)
        while waitpid(child, &status, 0) < 0 && Errno.current == .interrupted {}
        return .timedOut
      }
      var interval = timespec(tv_sec: 0, tv_nsec: pause)
      _ = nanosleep(&interval, nil)
      pause = min(pause * 2, 20_000_000)
    }
  }

  /// The outcome a wait status stands for.
  private static func outcome(of status: Int32) -> Outcome {
    let signal = status & 0x7F
    if signal == 0 { return .returned((status >> 8) & 0xFF) }
    return signal == SIGALRM ? .timedOut : .killed(signal: signal)
  }
}
