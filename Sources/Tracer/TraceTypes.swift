import Core

#if canImport(Glibc)
  import Glibc
#endif

/// What to run under the tracer.
public struct TraceRequest: Sendable {
  /// The executable's path (already looked up in `PATH`).
  public let executable: String
  /// The arguments, the first being the command's name.
  public let arguments: [String]
  /// The environment, `NAME=value` each.
  public let environment: [String]
  /// The app directory's absolute path, symbolic links resolved: writes elsewhere are not recorded.
  public let appDirectory: [UInt8]
  /// Seconds after which the traced processes are ended, or nil to wait for them.
  public let seconds: Double?

  /// Creates a request.
  public init(
    executable: String, arguments: [String], environment: [String], appDirectory: [UInt8],
    seconds: Double?
  ) {
    self.executable = executable
    self.arguments = arguments
    self.environment = environment
    self.appDirectory = appDirectory
    self.seconds = seconds
  }
}

/// One kind of write seen during a trace: the write, the system call that made it, and how many times.
public struct TraceRecord: Hashable, Sendable {
  /// The write, relative to the app directory.
  public var write: TracedWrite
  /// The system call's name, such as `mkdirat`.
  public let call: String
  /// How many calls made this same write with this same result.
  public let count: Int

  /// Creates a record.
  public init(write: TracedWrite, call: String, count: Int) {
    self.write = write
    self.call = call
    self.count = count
  }
}

/// Why the trace ended.
public enum TraceStop: String, Sendable, Codable {
  /// Every traced process ended.
  case finished
  /// `--seconds` ran out; the processes were ended.
  case timeLimit
  /// The tracer was interrupted (`SIGINT`, `SIGTERM` or `SIGHUP`); the processes were ended.
  case interrupted
  /// A process did something the tracer cannot follow (`TraceResult.escape`); every process was killed at once.
  case escaped
}

/// How the traced command's first process ended.
public enum TraceEnding: Equatable, Sendable {
  /// It exited with this status.
  case exited(Int32)
  /// A signal killed it.
  case killed(signal: Int32)
}

/// Everything a trace saw.
public struct TraceResult: Sendable {
  /// The distinct writes inside the app directory, in the order each was first made.
  public let records: [TraceRecord]
  /// Calls not kept: each made a new write after `TraceLimits.distinctWrites` distinct ones were kept.
  public let unrecorded: Int
  /// Calls whose arguments could not be read (an unreadable address, a path over `PATH_MAX`).
  public let unreadable: Int
  /// How many processes and threads were traced.
  public let processes: Int
  /// How the command's first process ended, or nil if the tracer lost it.
  public let ending: TraceEnding?
  /// Why tracing ended.
  public let stop: TraceStop
  /// How long the trace took.
  public let seconds: Double
  /// What a process did that the tracer cannot follow, which ended the trace; nil if nothing did.
  public let escape: TraceEscape?

  /// Creates a result.
  public init(
    records: [TraceRecord], unrecorded: Int, unreadable: Int, processes: Int, ending: TraceEnding?,
    stop: TraceStop, seconds: Double, escape: TraceEscape? = nil
  ) {
    self.records = records
    self.unrecorded = unrecorded
    self.unreadable = unreadable
    self.processes = processes
    self.ending = ending
    self.stop = stop
    self.seconds = seconds
    self.escape = escape
  }

  /// Whether every write was seen and kept, and no process escaped the trace: false makes any suggestion built on
  /// the records incomplete.
  public var isComplete: Bool { unrecorded == 0 && unreadable == 0 && escape == nil }
}

/// Runs a command and reports every write it makes in the app directory; it never changes anything itself.
public protocol WriteTracing {
  /// Runs `request` to its end (or its time limit, or an interruption) and returns what it wrote.
  func trace(_ request: TraceRequest) throws(TraceError) -> TraceResult
}
