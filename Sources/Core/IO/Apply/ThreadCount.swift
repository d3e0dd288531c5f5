import FileSystem

/// How many threads a run walks with.
public enum ThreadCount {
  /// More threads than this gain little: they mostly wait for the same file system.
  public static let maximum = 4

  /// The threads a run uses unless told otherwise: the CPUs this process may use, at most `maximum`.
  public static func `default`() -> Int { min(ProcessorCount.available(), maximum) }
}
