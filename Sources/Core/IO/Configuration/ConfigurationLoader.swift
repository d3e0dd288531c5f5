import FileSystem
import Patterns

/// Loads the configuration from `project.toml`, the `paths-file` and the environment, and
/// decides whether the app opted in; reading files through `reader` is its only I/O.
public struct ConfigurationLoader {
  /// The project descriptor's name, relative to the app directory.
  public static let projectFileName = "project.toml"
  /// The largest `project.toml` or `paths-file` accepted, in bytes (1 MiB).
  public static let maximumFileSize = 1 << 20

  /// Reads files inside the app directory.
  public let reader: any AppFileReading

  /// Creates a loader reading through `reader`.
  public init(reader: any AppFileReading) {
    self.reader = reader
  }

  /// The opt-in decision and, when opted in, the resolved configuration.
  ///
  /// - Parameter environment: The merged environment (process and platform `env` files).
  public func load(environment: [String: String]) throws(ConfigurationError) -> OptInDecision {
    let variables = try EnvironmentSettings(environment: environment)
    if variables.enabled == false {
      let value = variables.enabledValue ?? EnvironmentSettings.falseSpellings[0]
      return .notOptedIn(.disabledByEnvironment(value: value))
    }
    let settings = try projectSettings()
    let tableOptsIn = settings?.enabled ?? false
    let environmentOptsIn = variables.enabled == true || variables.paths != nil
    guard tableOptsIn || environmentOptsIn else {
      if settings != nil {
        return .notOptedIn(.disabledInProjectFile(file: Self.projectFileName))
      }
      return .notOptedIn(.notConfigured(file: Self.projectFileName))
    }
    return .optedIn(try configuration(settings: settings, variables: variables))
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

  /// Resolves the settings of an opted-in app into patterns, directories and flags.
  func configuration(
    settings: ProjectSettings?, variables: EnvironmentSettings
  ) throws(ConfigurationError) -> Configuration {
    var configuration = Configuration(audit: variables.audit, debug: variables.debug)
    if let settings {
      configuration.sources.append(.projectTable(file: Self.projectFileName))
      configuration.patterns += Self.patterns(settings.paths)
      if let path = settings.pathsFile {
        configuration.patterns += try pathsFilePatterns(path, line: settings.pathsFileLine)
        configuration.sources.append(.pathsFile(path: path))
      }
      configuration.create = settings.create
      configuration.policy.setsGroupIDOnDirectories = settings.setgid
      configuration.warnings = settings.warnings
    }
    if variables.paths != nil {
      configuration.patterns += variables.patterns()
      configuration.sources.append(.environmentPaths)
    }
    let patternSourceConfigured =
      settings?.paths != nil || settings?.pathsFile != nil || variables.paths != nil
    if variables.enabled == true {
      configuration.wholeApp = !patternSourceConfigured && configuration.create.isEmpty
      configuration.sources.append(
        configuration.wholeApp ? .environmentWholeApp : .environmentEnabled)
    }
    if !configuration.wholeApp && configuration.patterns.isEmpty
      && configuration.create.isEmpty
    {
      configuration.warnings.append(.nothingSelected)
    }
    return configuration
  }

  /// The patterns of the `paths` key, with origin `project.toml paths`.
  static func patterns(_ paths: ProjectSettings.Paths?) -> [Pattern] {
    switch paths {
    case nil:
      return []
    case .text(let text):
      return PatternParser.parse(Array(text.utf8), source: Configuration.projectPathsSource)
    case .lines(let lines):
      return lines.enumerated().compactMap { index, line in
        PatternParser.parseLine(
          Array(line.utf8),
          origin: PatternOrigin(source: Configuration.projectPathsSource, line: index + 1))
      }
    }
  }

  /// The patterns of the `paths-file`, with its relative path as origin.
  func pathsFilePatterns(_ path: String, line: Int?) throws(ConfigurationError) -> [Pattern] {
    let bytes: [UInt8]
    do {
      bytes = try reader.readFile(path, limit: Self.maximumFileSize)
    } catch {
      throw .pathsFileUnreadable(
        path: path, file: Self.projectFileName, line: line, cause: error)
    }
    return PatternParser.parse(bytes, source: path)
  }
}
