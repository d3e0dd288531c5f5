import Patterns
import TOMLKit

/// Reads the `[utility.group-writable]` table from the text of `project.toml`; pure (no I/O).
public enum ProjectSettingsParser {
  /// The table's settings, or nil when the file has no `utility.group-writable` table.
  ///
  /// - Parameters:
  ///   - text: The raw bytes of the file.
  ///   - fileName: The file's name for messages, such as `project.toml`.
  public static func parse(
    text: [UInt8], fileName: String
  ) throws(ConfigurationError) -> ProjectSettings? {
    let string = try TOMLText.decode(text, fileName: fileName)
    let root = try parseDocument(string, fileName: fileName)
    guard let utility = root["utility"]?.table, let node = utility["group-writable"] else {
      return nil
    }
    let locator = KeyLocator(text: string)
    guard let table = node.table else {
      throw .tableWrongType(
        file: fileName, found: kind(of: node),
        line: locator.line(of: ProjectSettingKey.tablePath))
    }
    let reader = TableReader(table: table, fileName: fileName, locator: locator)
    return try reader.settings()
  }

  /// The parsed document, or `malformedTOML` with TOMLKit's position and description.
  static func parseDocument(
    _ string: String, fileName: String
  ) throws(ConfigurationError) -> TOMLTable {
    try TOMLParserGuard.check(string, fileName: fileName)
    do {
      return try TOMLTable(string: string)
    } catch let error as TOMLParseError {
      throw .malformedTOML(
        file: fileName, line: error.source.begin.line, column: error.source.begin.column,
        description: error.description)
    } catch {
      throw .malformedTOML(file: fileName, line: 1, column: 1, description: "\(error)")
    }
  }

  /// The kind of a TOML value, for messages.
  static func kind(of value: any TOMLValueConvertible) -> ConfigurationError.ValueKind {
    switch value.type {
    case .table: return .table
    case .array: return .array
    case .string: return .string
    case .int: return .integer
    case .double: return .float
    case .bool: return .boolean
    case .date: return .date
    case .time: return .time
    case .dateTime: return .dateTime
    }
  }

  /// Checks each key of the table and collects the settings.
  struct TableReader {
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
      if let value = table[ProjectSettingKey.pathsFile.rawValue] {
        let line = self.line(of: .pathsFile)
        let path = try string(value, key: .pathsFile)
        guard !path.isEmpty else { throw .emptyPathsFile(file: fileName, line: line) }
        settings.pathsFile = path
        settings.pathsFileLine = line
      }
      settings.create = try create()
      settings.setgid = try boolean(.setgid) ?? false
      settings.enabled = try boolean(.enabled) ?? true
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
      if value.type == .string, let text = value.string { return .text(text) }
      guard let array = value.array else {
        throw .wrongType(
          file: fileName, key: .paths, element: nil, expected: .stringOrStringArray,
          found: kind(of: value), line: line(of: .paths))
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

    /// The `create` key: an array of relative directory paths, normalised and deduplicated.
    func create() throws(ConfigurationError) -> [RelativePath] {
      guard let value = table[ProjectSettingKey.create.rawValue] else { return [] }
      guard let array = value.array else {
        throw .wrongType(
          file: fileName, key: .create, element: nil, expected: .stringArray,
          found: kind(of: value), line: line(of: .create))
      }
      var directories: [RelativePath] = []
      for (index, entry) in try strings(array, key: .create).enumerated() {
        let normalized: RelativePath
        do {
          normalized = try RelativePath(entry)
        } catch {
          throw .invalidCreatePath(
            file: fileName, element: index + 1, value: entry, problem: error,
            line: line(of: .create))
        }
        if !directories.contains(normalized) { directories.append(normalized) }
      }
      return directories
    }

    /// The elements of an array that must hold only strings.
    func strings(_ array: TOMLArray, key: ProjectSettingKey) throws(ConfigurationError) -> [String]
    {
      var result: [String] = []
      for (index, element) in array.enumerated() {
        guard element.type == .string, let text = element.string else {
          throw .wrongType(
            file: fileName, key: key, element: index + 1, expected: .string,
            found: kind(of: element), line: line(of: key))
        }
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
          file: fileName, key: key, element: nil, expected: .string, found: kind(of: value),
          line: line(of: key))
      }
      return text
    }

    /// A boolean-valued key, nil when absent.
    func boolean(_ key: ProjectSettingKey) throws(ConfigurationError) -> Bool? {
      guard let value = table[key.rawValue] else { return nil }
      guard value.type == .bool, let flag = value.bool else {
        throw .wrongType(
          file: fileName, key: key, element: nil, expected: .boolean, found: kind(of: value),
          line: line(of: key))
      }
      return flag
    }

    /// A warning for each key that is not a `ProjectSettingKey`, ordered by line.
    func unknownKeyWarnings() -> [ConfigurationWarning] {
      let unknown = table.keys.filter { ProjectSettingKey(rawValue: $0) == nil }
      let located = unknown.map { key in
        (key: key, line: locator.line(of: ProjectSettingKey.tablePath + [key]))
      }
      let ordered = located.sorted { ($0.line ?? Int.max, $0.key) < ($1.line ?? Int.max, $1.key) }
      return ordered.map { entry in
        .unknownKey(
          file: fileName, key: entry.key, line: entry.line,
          suggestion: KeySuggestion.closest(to: entry.key))
      }
    }
  }
}
