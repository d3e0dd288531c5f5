/// A `create` directory a run made, with the shallowest directory it had to make for it (like `mkdir -p`).
public struct MadeDirectory: Sendable, Equatable, Codable, Comparable {
  /// The `create` directory's display path, without a trailing `/`.
  public var path: String
  /// The shallowest directory made for it (`path` itself when only it was missing); all below it were made too.
  public var first: String

  /// Creates a record.
  public init(path: String, first: String) {
    self.path = path
    self.first = first
  }

  /// By path.
  public static func < (lhs: MadeDirectory, rhs: MadeDirectory) -> Bool { lhs.path < rhs.path }
}
