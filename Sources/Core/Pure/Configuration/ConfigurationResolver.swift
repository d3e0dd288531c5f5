import Patterns

/// Combines the `[utility.group-writable]` table and the environment into one `Configuration`;
/// pure (the loader reads the paths file and passes its bytes in).
///
/// The precedence rule, the same for every setting (docs/CONFIGURATION.md, "Precedence, values, errors and
/// caps"):
/// - **Lists add up, `project.toml` first.** Patterns are `paths`, then the paths file, then
///   `BP_GROUP_WRITABLE_PATHS` (later patterns win, as in git); `create` and `ephemeral` are the
///   key's entries, then the variable's (duplicates dropped).
/// - **A single value set by a variable wins over its key**: the booleans (`setgid`,
///   `keep-world-writable`, `exclusive`, `sqlite-directories`, `audit`), the paths file
///   (`BP_GROUP_WRITABLE_PATHS_FILE` replaces `paths-file`), `ephemeral-base`, and
///   `BP_GROUP_WRITABLE` over `enabled`.
/// - **Presets come first**: their patterns before `paths`, their `create` directories before `create` (those
///   the final patterns no longer select are dropped, so a user's `!` takes a preset's path back).
/// - **Opting in** is unchanged by the other variables: the table present and enabled,
///   `BP_GROUP_WRITABLE_PATHS` or `BP_GROUP_WRITABLE_CREATE` set, `BP_GROUP_WRITABLE_PRESETS` naming a preset
///   or finding one with `auto`, or `BP_GROUP_WRITABLE=true` (the loader decides;
///   `BP_GROUP_WRITABLE=false` turns everything off).
///
/// Every setting a variable changed gets a `ConfigurationSource`, so the build log names it.
public enum ConfigurationResolver {
  /// The paths file to read and who named it: `BP_GROUP_WRITABLE_PATHS_FILE` wins over `paths-file`.
  public static func pathsFile(
    settings: ProjectSettings?, variables: EnvironmentSettings, file: String
  ) -> (path: String, source: SettingSource)? {
    if let path = variables.pathsFile { return (path, .variable(.pathsFile)) }
    guard let path = settings?.pathsFile else { return nil }
    return (path, .key(.pathsFile, file: file, line: settings?.pathsFileLine))
  }

  /// The configuration of an opted-in app.
  ///
  /// - Parameters:
  ///   - settings: The table, nil when `file` has none.
  ///   - variables: The environment.
  ///   - pathsFile: The paths file `pathsFile(settings:variables:file:)` named, and its bytes.
  ///   - file: `project.toml`'s name, for messages.
  ///   - presets: The presets that apply (their patterns come first, their `create` directories first), what
  ///     `auto` found, and the preset paths that are links.
  public static func resolve(
    settings: ProjectSettings?, variables: EnvironmentSettings,
    pathsFile: (path: String, source: SettingSource, bytes: [UInt8])?, file: String,
    presets: PresetInputs = PresetInputs()
  ) throws(ConfigurationError) -> Configuration {
    var configuration = Configuration(debug: variables.debug)
    var patterns = PatternTally()
    for applied in presets.applied {
      try patterns.add(PresetPaths.patterns(applied.preset), source: applied.source)
    }
    if let settings {
      configuration.sources.append(.projectTable(file: file))
      try patterns.add(
        projectPatterns(settings.paths), source: .key(.paths, file: file, line: settings.pathsLine))
      configuration.warnings += settings.warnings
    }
    if let pathsFile {
      try patterns.add(
        text: pathsFile.bytes, named: pathsFile.path, source: .pathsFile(path: pathsFile.path))
      let isVariable = pathsFile.source == .variable(.pathsFile)
      configuration.sources.append(
        isVariable ? .environmentPathsFile(path: pathsFile.path) : .pathsFile(path: pathsFile.path))
    }
    if let paths = variables.paths {
      try PatternTally.refuseNul(in: Array(paths.utf8), named: EnvironmentVariable.paths.name)
      try patterns.add(variables.patterns(), source: .variable(.paths))
      configuration.sources.append(.environmentPaths)
    }
    configuration.patterns = patterns.patterns
    let create = try directories(
      .create, settings?.create ?? [], line: settings?.createLine, variables.create, file: file,
      configuration: &configuration,
      leading: presetCreate(presets, selectedBy: configuration.patterns))
    try patterns.count(create, limit: ConfigurationLimits.patterns)
    configuration.create = create.paths
    let ephemeral = try directories(
      .ephemeral, settings?.ephemeral ?? [], line: settings?.ephemeralLine, variables.ephemeral,
      file: file, configuration: &configuration)
    try ephemeral.checkNesting()
    configuration.ephemeral = ephemeral.paths
    configuration.ephemeralBase =
      variables.ephemeralBase ?? settings?.ephemeralBase ?? Configuration.defaultEphemeralBase
    if let base = variables.ephemeralBase {
      configuration.sources.append(.environmentValue(.ephemeralBase, value: base))
    }
    for variable in EnvironmentSettings.flagVariables {
      guard let key = variable.projectKey else { continue }
      if let value = variables.flags[variable] {
        configuration.sources.append(.environmentValue(variable, value: value ? "true" : "false"))
        set(variable, value, in: &configuration)
      } else if let value = settings?.flag(key) {
        set(variable, value, in: &configuration)
      }
    }
    let patternSourceConfigured =
      settings?.paths != nil || pathsFile != nil || variables.paths != nil
      || !presets.applied.isEmpty
    if variables.enabled == true {
      configuration.wholeApp = !patternSourceConfigured && configuration.create.isEmpty
      configuration.sources.append(
        configuration.wholeApp ? .environmentWholeApp : .environmentEnabled)
    }
    configuration.warnings += variables.warnings
    for applied in presets.applied {
      let disposable = PresetTable.definition(of: applied.preset).ephemeral.filter { text in
        guard let path = try? RelativePath(text) else { return false }
        return !configuration.ephemeral.contains { path.components.starts(with: $0.components) }
      }
      configuration.sources.append(.preset(applied, disposable: disposable))
    }
    if let source = presets.autoSource, presets.detections.isEmpty {
      configuration.sources.append(.presetsNothingDetected(source: source))
    }
    configuration.presets = presets.applied.map(\.preset)
    configuration.warnings += PresetHints.warnings(configuration, inputs: presets)
    let selectsNothing = configuration.patterns.isEmpty && configuration.create.isEmpty
    if !configuration.wholeApp && selectsNothing && configuration.ephemeral.isEmpty {
      configuration.warnings.append(.nothingSelected)
    }
    return configuration
  }

  /// The `create` directories of the applied presets, each with the source that asked for the preset: those the
  /// final patterns select (a user's `!` takes one back) and that no link is on the way to.
  static func presetCreate(
    _ presets: PresetInputs, selectedBy patterns: [Pattern]
  ) -> [(path: RelativePath, source: SettingSource)] {
    guard !presets.applied.isEmpty else { return [] }
    let selection = PatternSet(patterns)
    var entries: [(path: RelativePath, source: SettingSource)] = []
    for applied in presets.applied {
      for text in PresetTable.definition(of: applied.preset).create {
        guard let path = try? RelativePath(text), !presets.isLinked(path),
          selection.decide(path: path.bytes, isDirectory: true)?.isSelected == true
        else { continue }
        entries.append((path, applied.source))
      }
    }
    return entries
  }

  /// A `create` or `ephemeral` list: the `leading` entries (the presets'), the key's, then the variable's.
  static func directories(
    _ key: ProjectSettingKey, _ entries: [RelativePath], line: Int?, _ value: String?,
    file: String, configuration: inout Configuration,
    leading: [(path: RelativePath, source: SettingSource)] = []
  ) throws(ConfigurationError) -> DirectoryList {
    var list = DirectoryList(key: key)
    for (index, entry) in leading.enumerated() {
      try list.add(entry.path.bytes, source: entry.source, element: index + 1)
    }
    let source = SettingSource.key(key, file: file, line: line)
    for (index, path) in entries.enumerated() {
      try list.add(path.bytes, source: source, element: index + 1)
    }
    if let value, let variable = EnvironmentVariable.allCases.first(where: { $0.projectKey == key })
    {
      try list.add(variable: variable, value: value)
      configuration.sources.append(.environmentList(variable))
    }
    return list
  }

  /// Applies one boolean setting.
  static func set(
    _ variable: EnvironmentVariable, _ value: Bool, in configuration: inout Configuration
  ) {
    switch variable {
    case .setgid: configuration.policy.setsGroupIDOnDirectories = value
    case .keepWorldWritable: configuration.policy.keepsWorldWrite = value
    case .exclusive: configuration.policy.removesGroupWriteOutside = value
    case .sqliteDirectories: configuration.policy.opensDatabaseDirectories = value
    case .audit: configuration.audit = value
    default: break
    }
  }

  /// The patterns of the `paths` key, with origin `project.toml paths`.
  static func projectPatterns(_ paths: ProjectSettings.Paths?) -> [Pattern] {
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
}
