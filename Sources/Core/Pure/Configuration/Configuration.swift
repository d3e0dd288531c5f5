import Patterns

/// The resolved configuration of an opted-in app (or of a command line): what to create, which patterns select
/// paths, and how the build treats everything else.
public struct Configuration: Sendable, Equatable {
  /// The pattern source name of `paths` in `project.toml` (origins count lines within the string,
  /// or array elements).
  public static let projectPathsSource = "project.toml paths"
  /// Where `ephemeral` directories live at run time unless `ephemeral-base` says otherwise.
  public static let defaultEphemeralBase = "/tmp/group-writable"

  /// All patterns in order: `paths`, then `paths-file`, then `BP_GROUP_WRITABLE_PATHS`
  /// (later patterns win, as in git).
  public var patterns: [Pattern]
  /// Directories to create (like `mkdir -p`) before selection; they become group-writable.
  public var create: [RelativePath]
  /// Whether the whole app directory, the root included, is selected: `BP_GROUP_WRITABLE=true`
  /// and none of `paths`, `paths-file`, `create` and `BP_GROUP_WRITABLE_PATHS` is configured
  /// (a configured source that yields no pattern, such as `paths = []`, still counts).
  public var wholeApp: Bool
  /// How the permission bits of selected and other entries change.
  public var policy: ModePolicy
  /// Directories that live in a writable place at run time (`ephemeral`): symlinks into `ephemeralBase`.
  public var ephemeral: [RelativePath] = []
  /// Where `ephemeral` directories live at run time, an absolute path (`ephemeral-base`).
  public var ephemeralBase: String = Configuration.defaultEphemeralBase
  /// Whether the build audits the app directory.
  public var audit: Bool
  /// Whether `BP_LOG_LEVEL=DEBUG` asks for debug output.
  public var debug: Bool
  /// The presets that apply, in order (their patterns come first in `patterns`).
  public var presets: [Preset] = []
  /// Where the configuration came from, in order.
  public var sources: [ConfigurationSource]
  /// Problems that do not stop the build.
  public var warnings: [ConfigurationWarning]

  /// Creates a configuration.
  public init(
    patterns: [Pattern] = [],
    create: [RelativePath] = [],
    wholeApp: Bool = false,
    policy: ModePolicy = ModePolicy(),
    audit: Bool = true,
    debug: Bool = false,
    sources: [ConfigurationSource] = [],
    warnings: [ConfigurationWarning] = []
  ) {
    self.patterns = patterns
    self.create = create
    self.wholeApp = wholeApp
    self.policy = policy
    self.audit = audit
    self.debug = debug
    self.sources = sources
    self.warnings = warnings
  }
}
