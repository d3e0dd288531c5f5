/// What one preset selects and why: its patterns, `create` directories and `ephemeral` suggestions, with the
/// framework documentation they come from.
public struct PresetDefinition: Equatable, Sendable {
  /// The framework's name as its documentation writes it, such as `Ruby on Rails`.
  public var framework: String
  /// Gitignore-format patterns, anchored to the app root.
  public var paths: [String]
  /// Directories to create (`mkdir -p`) before selection, relative to the app root.
  public var create: [String]
  /// Directories the framework's documentation calls disposable: suggested as `ephemeral`, never applied.
  public var ephemeral: [String]
  /// The documentation page the paths come from.
  public var documentation: String
  /// The framework versions the paths were checked against, such as `7.1–8.0`.
  public var versions: String

  /// Creates a definition.
  public init(
    framework: String, paths: [String], create: [String], ephemeral: [String],
    documentation: String,
    versions: String
  ) {
    self.framework = framework
    self.paths = paths
    self.create = create
    self.ephemeral = ephemeral
    self.documentation = documentation
    self.versions = versions
  }
}
