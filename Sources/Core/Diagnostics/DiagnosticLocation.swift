/// Where a problem was found: a file position, a configuration key, or a path in the app directory.
public struct DiagnosticLocation: Equatable, Sendable {
  /// The file holding the problem, relative to the app directory.
  public var file: String?
  /// The 1-based line in `file`.
  public var line: Int?
  /// The 1-based column in `line`.
  public var column: Int?
  /// The dotted configuration key, such as `utility.group-writable.setgid`.
  public var key: String?
  /// A path in the app directory that the problem is about.
  public var path: String?

  /// Creates a location; every part is optional.
  public init(
    file: String? = nil,
    line: Int? = nil,
    column: Int? = nil,
    key: String? = nil,
    path: String? = nil
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.key = key
    self.path = path
  }
}
