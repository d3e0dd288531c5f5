import FileSystem

/// Why a command could not be traced.
public enum TraceError: Error, Equatable, Sendable {
  /// The step of starting the traced command that failed.
  public enum Step: Int32, Sendable {
    /// `fork`.
    case fork = 0
    /// `ptrace(PTRACE_TRACEME)`: tracing is not allowed here.
    case traceMe = 1
    /// Stopping to wait for the tracer.
    case stop = 2
    /// `prctl(PR_SET_NO_NEW_PRIVS)`.
    case noNewPrivileges = 3
    /// Installing the seccomp filter.
    case seccomp = 4
    /// `execve`.
    case exec = 5
    /// `PTRACE_SETOPTIONS`.
    case setOptions = 6
    /// `prctl(PR_SET_DUMPABLE, 0)` on the tracer, so that the traced command cannot `ptrace` it or write its memory.
    case protectTracer = 7
    /// Arming the kernel timer that kills `trace` and every tracee when a trace outlives `--seconds`.
    case armTimeLimit = 8
  }

  /// This executable was built for the named platform (`linux/arm64`), not linux/amd64, the tracer's only one.
  ///
  /// The tracer reads x86_64 system call registers and filters x86_64 call numbers.
  case unsupportedArchitecture(String)
  /// The command was not found in `PATH`.
  case commandNotFound(String)
  /// Starting the command failed at `step`.
  case cannotStart(command: String, step: Step, Errno)
  /// Waiting for the traced processes failed.
  case lostTracees(Errno)
}
