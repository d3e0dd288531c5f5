import FileSystem
import Patterns

/// Loads the configuration from `project.toml`, the `paths-file` and the environment, and
/// decides whether the app opted in; reading files through `reader` is its only I/O.
public struct ConfigurationLoader {
  /// The project descriptor's name, relative to the app directory.
  public static let projectFileName = "project.toml"
  /// The largest `project.toml` or `paths-file` accepted, in bytes (1 MiB).
  public static let maximumFileSize = ConfigurationLimits.fileBytes

  /// Reads files inside the app directory.
  public let reader: any AppFileReading
  /// Looks at entries of the app directory, for `auto` and the presets' hints.
  public let probe: any AppEntryProbing

  /// Creates a loader reading through `reader` and looking through `probe`.
  public init(reader: any AppFileReading, probe: any AppEntryProbing) {
    self.reader = reader
    self.probe = probe
  }

  /// Creates a loader reading and looking through `app`.
  public init(app: any AppFileReading & AppEntryProbing) {
    self.init(reader: app, probe: app)
  }

  /// The opt-in decision and, when opted in, the resolved configuration (see
  /// `ConfigurationResolver` for how the sources combine).
  ///
  /// - Parameter environment: The merged environment (process and platform `env` files).
  public func load(environment: [String: String]) throws(ConfigurationError) -> OptInDecision {
    if try EnvironmentSettings.enabled(in: environment) == false {
      let value =
        environment[EnvironmentVariable.enabled.name] ?? EnvironmentSettings.falseSpellings[0]
      return .notOptedIn(.disabledByEnvironment(value: value))
    }
    let variables = try EnvironmentSettings(environment: environment)
    let settings = try projectSettings()
    var request = PresetRequest()
    if let settings {
      try request.add(
        settings.presets,
        source: .key(.presets, file: Self.projectFileName, line: settings.presetsLine))
    }
    // The variable's own request decides its opt-in: a preset it names opts in, as `BP_GROUP_WRITABLE_PATHS`
    // does; its `auto` (a platform may set it for every app) only where a framework is found and the table does
    // not say `enabled = false`.
    var variableRequest = PresetRequest()
    if let value = variables.presets {
      try variableRequest.add(variableValue: value)
      try request.add(variableValue: value)
    }
    let presets = PresetInputs(request: request, probe: probe)
    let autoOptsIn =
      variableRequest.auto != nil && !presets.detections.isEmpty && settings?.enabled != false
    let tableOptsIn = settings?.enabled ?? false
    let environmentOptsIn =
      variables.enabled == true || variables.paths != nil || variables.create != nil
      || !variableRequest.named.isEmpty || autoOptsIn
    guard tableOptsIn || environmentOptsIn else {
      if settings != nil {
        return .notOptedIn(.disabledInProjectFile(file: Self.projectFileName))
      }
      if variableRequest.auto != nil { return .notOptedIn(.noFrameworkDetected) }
      return .notOptedIn(.notConfigured(file: Self.projectFileName))
    }
    var pathsFile: (path: String, source: SettingSource, bytes: [UInt8])?
    if let named = ConfigurationResolver.pathsFile(
      settings: settings, variables: variables, file: Self.projectFileName)
    {
      pathsFile = (named.path, named.source, try readPathsFile(named.path, source: named.source))
    }
    return .optedIn(
      try ConfigurationResolver.resolve(
        settings: settings, variables: variables, pathsFile: pathsFile, file: Self.projectFileName,
        presets: presets))
  }

  /// The table's settings, or nil when `project.toml` is missing or has no table.
  func projectSettings() throws(ConfigurationError) -> ProjectSettings? {
    let text: [UInt8]
    do {
      text = try reader.readFile(Self.projectFileName, limit: Self.maximumFileSize)
    } catch {
      if case .notFound = error { return nil }
      throw .projectFileUnreadable(file: Self.projectFileName, cause: error)
    }
    return try ProjectSettingsParser.parse(text: text, fileName: Self.projectFileName)
  }

  /// The bytes of the paths file at `path`, named by `source`.
  func readPathsFile(_ path: String, source: SettingSource) throws(ConfigurationError) -> [UInt8] {
    do {
      return try reader.readFile(path, limit: Self.maximumFileSize)
    } catch {
      throw .pathsFileUnreadable(path: path, source: source, cause: error)
    }
  }
}
