import Patterns
import TOMLKit

/// Reads the `[utility.group-writable]` table from the text of `project.toml`; pure (no I/O
/// beyond the parser's child process).
public enum ProjectSettingsParser {
  /// The table's settings, or nil when the file has no `utility.group-writable` table.
  ///
  /// - Parameters:
  ///   - text: The raw bytes of the file.
  ///   - fileName: The file's name for messages, such as `project.toml`.
  public static func parse(
    text: [UInt8], fileName: String
  ) throws(ConfigurationError) -> ProjectSettings? {
    try parse(text: text, fileName: fileName, isolate: TOMLChildParser.isolate)
  }

  /// `parse(text:fileName:)` with the function that parses in a child process injected (tests
  /// pass one that fails like `fork` does under `RLIMIT_NPROC=0`).
  static func parse(
    text: [UInt8], fileName: String, isolate: TOMLParserGuard.Isolate
  ) throws(ConfigurationError) -> ProjectSettings? {
    let string = try TOMLText.decode(text, fileName: fileName)
    let root = try parseDocument(string, fileName: fileName, isolate: isolate)
    let locator = KeyLocator(text: string)
    try checkNulEscapes(locator, fileName: fileName)
    guard let utility = root["utility"]?.table, let node = utility["group-writable"] else {
      return nil
    }
    guard let table = node.table else {
      throw .tableWrongType(
        file: fileName, found: kind(of: node),
        line: locator.line(of: ProjectSettingKey.tablePath))
    }
    let reader = ProjectTableReader(table: table, fileName: fileName, locator: locator)
    return try reader.settings()
  }

  /// The parsed document, or `malformedTOML` with TOMLKit's position and description.
  static func parseDocument(
    _ string: String, fileName: String, isolate: TOMLParserGuard.Isolate
  ) throws(ConfigurationError) -> TOMLTable {
    try TOMLParserGuard.check(string, fileName: fileName, isolate: isolate)
    do {
      return try TOMLTable(string: string)
    } catch let error as TOMLParseError {
      throw .malformedTOML(
        file: fileName, line: error.source.begin.line, column: error.source.begin.column,
        description: RedefinedKeyText.repaired(
          error.description, text: string, line: error.source.begin.line))
    } catch {
      throw .malformedTOML(file: fileName, line: 1, column: 1, description: "\(error)")
    }
  }

  /// Throws `nulEscape` for the first NUL escape in a string that TOMLKit, which hands strings to
  /// Swift as C strings, would cut short where the buildpack reads it.
  ///
  /// That is any string inside `utility.group-writable` (values and keys, at any depth), and any
  /// key or value on the way to it (a key `"utility\u0000x"` reads as `utility`; a value of
  /// `utility` may be an inline table holding the table): the key path, as written or cut at its
  /// first NUL, is inside the table or leads to it. Strings in other tools' tables are theirs:
  /// a `\u0000` there is valid TOML and must not fail detection of an app that does not use this
  /// buildpack.
  static func checkNulEscapes(_ locator: KeyLocator, fileName: String) throws(ConfigurationError) {
    for escape in locator.nulEscapes where reachesTable(escape.keyPath) {
      throw .nulEscape(
        file: fileName, line: escape.line, key: ProjectSettingKey.dottedName(path: escape.keyPath))
    }
  }

  /// Whether `path`, or `path` with each key cut at its first NUL, is inside the table or leads to it.
  static func reachesTable(_ path: [String]) -> Bool {
    let table = ProjectSettingKey.tablePath
    let cut = path.map {
      String(String.UnicodeScalarView($0.unicodeScalars.prefix { $0 != "\u{0}" }))
    }
    return [path, cut].contains { $0.starts(with: table) || table.starts(with: $0) }
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
}
