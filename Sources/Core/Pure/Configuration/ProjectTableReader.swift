import Patterns
import TOMLKit

/// Checks each key of the `[utility.group-writable]` table and collects the settings.
struct ProjectTableReader {
  /// The `[utility.group-writable]` table.
  let table: TOMLTable
  /// The file's name for messages.
  let fileName: String
  /// Finds key lines for messages.
  let locator: KeyLocator

  /// The settings, or the first problem found (keys are checked in `ProjectSettingKey` order).
  func settings() throws(ConfigurationError) -> ProjectSettings {
    var settings = ProjectSettings()
    settings.paths = try paths()
    settings.pathsLine = settings.paths == nil ? nil : line(of: .paths)
    if let value = table[ProjectSettingKey.pathsFile.rawValue] {
      let line = self.line(of: .pathsFile)
      let path = try string(value, key: .pathsFile)
      guard !path.isEmpty else { throw .emptyPathsFile(file: fileName, line: line) }
      settings.pathsFile = path
      settings.pathsFileLine = line
    }
    settings.create = try directories(.create)
    settings.createLine = settings.create.isEmpty ? nil : line(of: .create)
    settings.setgid = try boolean(.setgid) ?? false
    settings.enabled = try boolean(.enabled) ?? true
    settings.keepWorldWritable = try boolean(.keepWorldWritable) ?? false
    settings.exclusive = try boolean(.exclusive) ?? false
    settings.sqliteDirectories = try boolean(.sqliteDirectories) ?? true
    settings.audit = try boolean(.audit) ?? true
    settings.ephemeral = try directories(.ephemeral)
    settings.ephemeralLine = settings.ephemeral.isEmpty ? nil : line(of: .ephemeral)
    settings.ephemeralBase = try ephemeralBase()
    settings.presets = try presets()
    settings.presetsLine = settings.presets.isEmpty ? nil : line(of: .presets)
    settings.warnings = unknownKeyWarnings()
    return settings
  }

  /// The line of `key` in the file, nil when it could not be located.
  func line(of key: ProjectSettingKey) -> Int? {
    locator.line(of: ProjectSettingKey.tablePath + [key.rawValue])
  }

  /// The `paths` key: a string, or an array of single-line strings.
  func paths() throws(ConfigurationError) -> ProjectSettings.Paths? {
    guard let value = table[ProjectSettingKey.paths.rawValue] else { return nil }
    if value.type == .string, let text = value.string {
      try checkNoNul(text, key: .paths)
      return .text(text)
    }
    guard let array = value.array else {
      throw .wrongType(
        file: fileName, key: .paths, element: nil, expected: .stringOrStringArray,
        found: ProjectSettingsParser.kind(of: value), line: line(of: .paths))
    }
    let lines = try strings(array, key: .paths)
    if let index = lines.firstIndex(where: Self.hasLineBreak) {
      throw .multiLineElement(
        file: fileName, key: .paths, element: index + 1, line: line(of: .paths))
    }
    return .lines(lines)
  }

  /// Whether `text` contains a line feed or a carriage return.
  static func hasLineBreak(_ text: String) -> Bool {
    text.utf8.contains { $0 == 0x0A || $0 == 0x0D }
  }

  /// A directory-list key (`create`, `ephemeral`): an array of relative directory paths,
  /// normalised and deduplicated, each at most `ConfigurationLimits.patternBytes` long.
  func directories(_ key: ProjectSettingKey) throws(ConfigurationError) -> [RelativePath] {
    guard let value = table[key.rawValue] else { return [] }
    guard let array = value.array else {
      throw .wrongType(
        file: fileName, key: key, element: nil, expected: .stringArray,
        found: ProjectSettingsParser.kind(of: value), line: line(of: key))
    }
    let source = SettingSource.key(key, file: fileName, line: line(of: key))
    var directories = DirectoryList(key: key)
    for (index, entry) in try strings(array, key: key).enumerated() {
      try directories.add(Array(entry.utf8), source: source, element: index + 1)
    }
    return directories.paths
  }

  /// The `presets` key: an array of strings (names are checked by `PresetRequest`).
  func presets() throws(ConfigurationError) -> [String] {
    guard let value = table[ProjectSettingKey.presets.rawValue] else { return [] }
    guard let array = value.array else {
      throw .wrongType(
        file: fileName, key: .presets, element: nil, expected: .stringArray,
        found: ProjectSettingsParser.kind(of: value), line: line(of: .presets))
    }
    return try strings(array, key: .presets)
  }

  /// The `ephemeral-base` key, checked; nil when absent.
  func ephemeralBase() throws(ConfigurationError) -> String? {
    guard let value = table[ProjectSettingKey.ephemeralBase.rawValue] else { return nil }
    let text = try string(value, key: .ephemeralBase)
    do {
      return try EphemeralBase.check(text)
    } catch {
      throw .invalidEphemeralBase(
        source: .key(.ephemeralBase, file: fileName, line: line(of: .ephemeralBase)), value: text,
        problem: error)
    }
  }

  /// The elements of an array that must hold only strings.
  func strings(_ array: TOMLArray, key: ProjectSettingKey) throws(ConfigurationError) -> [String] {
    var result: [String] = []
    for (index, element) in array.enumerated() {
      guard element.type == .string, let text = element.string else {
        throw .wrongType(
          file: fileName, key: key, element: index + 1, expected: .string,
          found: ProjectSettingsParser.kind(of: element), line: line(of: key))
      }
      try checkNoNul(text, key: key)
      result.append(text)
    }
    return result
  }

  /// A string-valued key.
  func string(
    _ value: any TOMLValueConvertible, key: ProjectSettingKey
  ) throws(ConfigurationError) -> String {
    guard value.type == .string, let text = value.string else {
      throw .wrongType(
        file: fileName, key: key, element: nil, expected: .string,
        found: ProjectSettingsParser.kind(of: value), line: line(of: key))
    }
    try checkNoNul(text, key: key)
    return text
  }

  /// Throws `nulEscape` if a decoded string holds a NUL anyway: TOMLKit cuts strings at a NUL
  /// today (the escape scan catches those); this holds should it ever stop doing so.
  func checkNoNul(_ text: String, key: ProjectSettingKey) throws(ConfigurationError) {
    if text.utf8.contains(0) {
      throw .nulEscape(file: fileName, line: line(of: key), key: key.dottedName)
    }
  }

  /// A boolean-valued key, nil when absent.
  func boolean(_ key: ProjectSettingKey) throws(ConfigurationError) -> Bool? {
    guard let value = table[key.rawValue] else { return nil }
    guard value.type == .bool, let flag = value.bool else {
      throw .wrongType(
        file: fileName, key: key, element: nil, expected: .boolean,
        found: ProjectSettingsParser.kind(of: value), line: line(of: key))
    }
    return flag
  }

  /// A warning for each key that is not a `ProjectSettingKey`, ordered by line: the first
  /// `ConfigurationLimits.unknownKeysListed` one by one (a suggestion only for keys of up to
  /// `ConfigurationLimits.suggestedKeyLength` characters), then one counting the rest.
  func unknownKeyWarnings() -> [ConfigurationWarning] {
    let unknown = table.keys.filter { ProjectSettingKey(rawValue: $0) == nil }
    let located = unknown.map { key in
      (key: key, line: locator.line(of: ProjectSettingKey.tablePath + [key]))
    }
    let ordered = located.sorted { ($0.line ?? Int.max, $0.key) < ($1.line ?? Int.max, $1.key) }
    let listed = ConfigurationLimits.unknownKeysListed
    var warnings: [ConfigurationWarning] = ordered.prefix(listed).map { entry in
      let suggestion =
        entry.key.count <= ConfigurationLimits.suggestedKeyLength
        ? KeySuggestion.closest(to: entry.key) : nil
      return .unknownKey(file: fileName, key: entry.key, line: entry.line, suggestion: suggestion)
    }
    if ordered.count > listed {
      warnings.append(.moreUnknownKeys(file: fileName, count: ordered.count - listed))
    }
    return warnings
  }
}
