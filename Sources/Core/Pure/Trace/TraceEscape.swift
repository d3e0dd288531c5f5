/// What a traced process did that `trace` cannot follow; the trace then kills every traced process and is incomplete.
public enum TraceEscape: String, Sendable, Codable, CaseIterable {
  /// A `clone` with `CLONE_UNTRACED`: a child `ptrace` would not follow.
  case untracedChild
  /// A stop signal (`SIGSTOP`, `SIGTSTP`, `SIGTTIN`, `SIGTTOU`) that could reach the tracer or another process the
  /// trace does not follow.
  case stopSignal
  /// A system call of another ABI (i386 `int 0x80`, x32), whose arguments the tracer cannot read.
  case otherABI
}
