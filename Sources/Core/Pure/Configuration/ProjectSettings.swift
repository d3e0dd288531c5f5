import Patterns

/// The `[utility.group-writable]` table of `project.toml`, checked but not yet resolved.
public struct ProjectSettings: Equatable, Sendable {
  /// How the `paths` key was written.
  public enum Paths: Equatable, Sendable {
    /// One (multi-line) string: a gitignore-format text, one pattern per line.
    case text(String)
    /// An array of strings, one pattern each.
    case lines([String])
  }

  /// The `paths` key, nil when absent.
  public var paths: Paths?
  /// The `paths-file` key (relative to the app directory), nil when absent.
  public var pathsFile: String?
  /// The line of the `paths-file` key in `project.toml`, for messages.
  public var pathsFileLine: Int?
  /// The `create` directories, normalised (no empty or `.` components, no trailing `/`), in order,
  /// without duplicates.
  public var create: [RelativePath]
  /// The `setgid` key, false by default.
  public var setgid: Bool
  /// The `enabled` key, true by default.
  public var enabled: Bool
  /// Problems found in the table that do not stop the buildpack (unknown keys), by line.
  public var warnings: [ConfigurationWarning]

  /// Creates settings; every key has its default unless given.
  public init(
    paths: Paths? = nil,
    pathsFile: String? = nil,
    pathsFileLine: Int? = nil,
    create: [RelativePath] = [],
    setgid: Bool = false,
    enabled: Bool = true,
    warnings: [ConfigurationWarning] = []
  ) {
    self.paths = paths
    self.pathsFile = pathsFile
    self.pathsFileLine = pathsFileLine
    self.create = create
    self.setgid = setgid
    self.enabled = enabled
    self.warnings = warnings
  }
}
