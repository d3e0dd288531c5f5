/// The caps that keep `trace`'s memory and output bounded whatever the traced command does.
public enum TraceLimits {
  /// Distinct (path, action, result, call) writes kept; calls making more are counted, and the trace is incomplete.
  public static let distinctWrites = 10_000
  /// Seconds the processes get between `SIGTERM` and `SIGKILL` when the trace ends them.
  public static let terminationGrace = 5.0
  /// Seconds after `--seconds` and the grace at which the kernel kills `trace` itself, and with it every traced
  /// process (`PTRACE_O_EXITKILL`), should the tracer be stopped or stuck.
  public static let backstop = 5.0
  /// Writes listed in the text report; the JSON report lists them all.
  public static let writesShown = 200
}
