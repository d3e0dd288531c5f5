/// An `ephemeral` directory as the build left it: a symlink in the app to a place that is writable at run time.
public struct EphemeralLink: Sendable, Equatable, Codable, Comparable {
  /// The directory's display path in the app (reversible: `EscapedText`), without a trailing `/`.
  public var path: String
  /// The absolute path it links to, made at container start.
  public var target: String
  /// Where the build put what the directory held (display path in the app), copied into `target` at start.
  public var seed: String?
  /// The mode the target is made with.
  public var mode: Int

  /// Creates a link record.
  public init(path: String, target: String, seed: String?, mode: Int) {
    self.path = path
    self.target = target
    self.seed = seed
    self.mode = mode
  }

  /// By path.
  public static func < (lhs: EphemeralLink, rhs: EphemeralLink) -> Bool { lhs.path < rhs.path }
}
