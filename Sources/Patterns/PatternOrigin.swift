/// Where a pattern was written: a named source (file, setting, option) and a 1-based line number.
public struct PatternOrigin: Hashable, Sendable {
  /// The name of the source, e.g. `project.toml paths` or a file path.
  public let source: String
  /// The 1-based line (or entry) number within the source.
  public let line: Int

  /// Creates an origin for line `line` of `source`.
  public init(source: String, line: Int) {
    self.source = source
    self.line = line
  }
}
