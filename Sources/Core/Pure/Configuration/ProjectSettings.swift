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
  /// The line of the `paths` key, for messages.
  public var pathsLine: Int?
  /// The `paths-file` key (relative to the app directory), nil when absent.
  public var pathsFile: String?
  /// The line of the `paths-file` key in `project.toml`, for messages.
  public var pathsFileLine: Int?
  /// The `create` directories, normalised (no empty or `.` components, no trailing `/`), in order,
  /// without duplicates.
  public var create: [RelativePath]
  /// The line of the `create` key, for messages.
  public var createLine: Int?
  /// The `setgid` key, false by default.
  public var setgid: Bool
  /// The `enabled` key, true by default.
  public var enabled: Bool
  /// The `keep-world-writable` key, false by default.
  public var keepWorldWritable: Bool
  /// The `exclusive` key, false by default.
  public var exclusive: Bool
  /// The `sqlite-directories` key, true by default.
  public var sqliteDirectories: Bool
  /// The `audit` key, true by default.
  public var audit: Bool
  /// The `ephemeral` directories, normalised like `create`, in order, without duplicates (nesting
  /// is checked once all sources are merged).
  public var ephemeral: [RelativePath]
  /// The line of the `ephemeral` key, for messages.
  public var ephemeralLine: Int?
  /// The `ephemeral-base` key, checked; nil when absent.
  public var ephemeralBase: String?
  /// The `presets` entries as written, unchecked (`PresetRequest` checks them).
  public var presets: [String] = []
  /// The line of the `presets` key, for messages.
  public var presetsLine: Int?
  /// Problems found in the table that do not stop the buildpack (unknown keys), by line.
  public var warnings: [ConfigurationWarning]

  /// Creates settings; every key has its default unless given.
  public init(
    paths: Paths? = nil,
    pathsLine: Int? = nil,
    pathsFile: String? = nil,
    pathsFileLine: Int? = nil,
    create: [RelativePath] = [],
    createLine: Int? = nil,
    setgid: Bool = false,
    enabled: Bool = true,
    keepWorldWritable: Bool = false,
    exclusive: Bool = false,
    sqliteDirectories: Bool = true,
    audit: Bool = true,
    ephemeral: [RelativePath] = [],
    ephemeralLine: Int? = nil,
    ephemeralBase: String? = nil,
    warnings: [ConfigurationWarning] = []
  ) {
    self.paths = paths
    self.pathsLine = pathsLine
    self.pathsFile = pathsFile
    self.pathsFileLine = pathsFileLine
    self.create = create
    self.createLine = createLine
    self.setgid = setgid
    self.enabled = enabled
    self.keepWorldWritable = keepWorldWritable
    self.exclusive = exclusive
    self.sqliteDirectories = sqliteDirectories
    self.audit = audit
    self.ephemeral = ephemeral
    self.ephemeralLine = ephemeralLine
    self.ephemeralBase = ephemeralBase
    self.warnings = warnings
  }

  /// The value of a boolean key (`setgid`, `keep-world-writable`, `exclusive`,
  /// `sqlite-directories`, `audit`, `enabled`); nil for other keys.
  public func flag(_ key: ProjectSettingKey) -> Bool? {
    switch key {
    case .setgid: return setgid
    case .enabled: return enabled
    case .keepWorldWritable: return keepWorldWritable
    case .exclusive: return exclusive
    case .sqliteDirectories: return sqliteDirectories
    case .audit: return audit
    case .paths, .pathsFile, .create, .ephemeral, .ephemeralBase, .presets: return nil
    }
  }
}
