/// Every environment variable the buildpack reads: the one list, which `buildpack.toml`'s
/// `[[metadata.configurations]]` table must match (a test compares them).
///
/// Each `BP_GROUP_WRITABLE_*` setting has a `project.toml` key (`projectKey`); how the two combine
/// is `ConfigurationResolver`'s precedence rule.
public enum EnvironmentVariable: String, CaseIterable, Equatable, Hashable, Sendable {
  /// `BP_GROUP_WRITABLE`: `true` opts in, `false` turns the buildpack off.
  case enabled = "BP_GROUP_WRITABLE"
  /// `BP_GROUP_WRITABLE_PATHS`: patterns, separated by newlines or unescaped commas.
  case paths = "BP_GROUP_WRITABLE_PATHS"
  /// `BP_GROUP_WRITABLE_PATHS_FILE`: a gitignore-format file relative to the app directory.
  case pathsFile = "BP_GROUP_WRITABLE_PATHS_FILE"
  /// `BP_GROUP_WRITABLE_CREATE`: directories to create, in the list syntax of `paths`.
  case create = "BP_GROUP_WRITABLE_CREATE"
  /// `BP_GROUP_WRITABLE_SETGID`: the setgid bit on writable directories.
  case setgid = "BP_GROUP_WRITABLE_SETGID"
  /// `BP_GROUP_WRITABLE_KEEP_WORLD_WRITABLE`: entries keep `o+w`.
  case keepWorldWritable = "BP_GROUP_WRITABLE_KEEP_WORLD_WRITABLE"
  /// `BP_GROUP_WRITABLE_EXCLUSIVE`: entries outside the selection lose group write.
  case exclusive = "BP_GROUP_WRITABLE_EXCLUSIVE"
  /// `BP_GROUP_WRITABLE_SQLITE_DIRECTORIES`: the directories of selected SQLite databases open up.
  case sqliteDirectories = "BP_GROUP_WRITABLE_SQLITE_DIRECTORIES"
  /// `BP_GROUP_WRITABLE_AUDIT`: the build audits the app directory.
  case audit = "BP_GROUP_WRITABLE_AUDIT"
  /// `BP_GROUP_WRITABLE_EPHEMERAL`: directories that live in a writable place at run time.
  case ephemeral = "BP_GROUP_WRITABLE_EPHEMERAL"
  /// `BP_GROUP_WRITABLE_EPHEMERAL_BASE`: where the ephemeral directories live at run time.
  case ephemeralBase = "BP_GROUP_WRITABLE_EPHEMERAL_BASE"
  /// `BP_GROUP_WRITABLE_PRESETS`: preset names or `auto`, in the list syntax of `paths`.
  case presets = "BP_GROUP_WRITABLE_PRESETS"
  /// `BP_LOG_LEVEL`: `DEBUG`, in any case, lists every change.
  case logLevel = "BP_LOG_LEVEL"
  /// `BPL_GROUP_WRITABLE_CHECK`: at container start, `false` turns off the self-check's warnings.
  case launchCheck = "BPL_GROUP_WRITABLE_CHECK"

  /// The variable's name.
  public var name: String { rawValue }

  /// The default as `buildpack.toml` documents it: the value that behaves like an unset variable
  /// (empty when unset means "not configured").
  public var defaultValue: String {
    switch self {
    case .enabled, .paths, .pathsFile, .create, .ephemeral, .presets: return ""
    case .setgid, .keepWorldWritable, .exclusive: return "false"
    case .sqliteDirectories, .audit, .launchCheck: return "true"
    case .ephemeralBase: return Configuration.defaultEphemeralBase
    case .logLevel: return "INFO"
    }
  }

  /// Whether the build reads it (detect reads the same build-time variables).
  public var isReadAtBuild: Bool { self != .launchCheck }

  /// Whether the launch-time self-check reads it.
  public var isReadAtLaunch: Bool { self == .launchCheck }

  /// The `[utility.group-writable]` key that the variable also sets, if any.
  public var projectKey: ProjectSettingKey? {
    switch self {
    case .enabled: return .enabled
    case .paths: return .paths
    case .pathsFile: return .pathsFile
    case .create: return .create
    case .setgid: return .setgid
    case .keepWorldWritable: return .keepWorldWritable
    case .exclusive: return .exclusive
    case .sqliteDirectories: return .sqliteDirectories
    case .audit: return .audit
    case .ephemeral: return .ephemeral
    case .ephemeralBase: return .ephemeralBase
    case .presets: return .presets
    case .logLevel, .launchCheck: return nil
    }
  }

  /// Whether the value is capped at `ConfigurationLimits.variableBytes` (every `BP_GROUP_WRITABLE*`).
  public var isCapped: Bool { rawValue.hasPrefix("BP_GROUP_WRITABLE") }
}
