import Patterns

/// The buildpack's `BP_*` environment variables, parsed; pure (no I/O).
public struct EnvironmentSettings: Equatable, Sendable {
  /// `BP_GROUP_WRITABLE`: `true` opts in (whole app when nothing else is configured), `false`
  /// turns the buildpack off.
  public static let enabledVariable = "BP_GROUP_WRITABLE"
  /// `BP_GROUP_WRITABLE_PATHS`: extra patterns, separated by newlines or unescaped commas.
  public static let pathsVariable = "BP_GROUP_WRITABLE_PATHS"
  /// `BP_LOG_LEVEL`: `DEBUG` turns on debug output.
  public static let logLevelVariable = "BP_LOG_LEVEL"
  /// `BP_GROUP_WRITABLE_AUDIT`: `false` skips the audit during the build.
  public static let auditVariable = "BP_GROUP_WRITABLE_AUDIT"
  /// The spellings of `BP_GROUP_WRITABLE` that mean true (case-insensitive).
  public static let trueSpellings = ["true", "1", "yes"]
  /// The spellings of `BP_GROUP_WRITABLE` that mean false (case-insensitive).
  public static let falseSpellings = ["false", "0", "no"]

  /// `BP_GROUP_WRITABLE` as a boolean; nil when unset or blank.
  public var enabled: Bool?
  /// The raw `BP_GROUP_WRITABLE` value (for messages); nil when unset or blank.
  public var enabledValue: String?
  /// The raw `BP_GROUP_WRITABLE_PATHS` value; nil when unset or only whitespace.
  public var paths: String?
  /// Whether `BP_LOG_LEVEL` is `DEBUG` (any case).
  public var debug: Bool
  /// Whether the build audits (`BP_GROUP_WRITABLE_AUDIT` not off).
  public var audit: Bool

  /// Parses the variables from the merged environment (process and platform `env` files).
  public init(environment: [String: String]) throws(ConfigurationError) {
    let enabledValue = environment[Self.enabledVariable].flatMap(Self.nonBlank)
    self.enabledValue = enabledValue
    if let enabledValue {
      let spelling = Self.trimmed(enabledValue).lowercased()
      if Self.trueSpellings.contains(spelling) {
        enabled = true
      } else if Self.falseSpellings.contains(spelling) {
        enabled = false
      } else {
        throw .invalidEnvironmentBoolean(variable: Self.enabledVariable, value: enabledValue)
      }
    } else {
      enabled = nil
    }
    paths = environment[Self.pathsVariable].flatMap(Self.nonBlank)
    debug = Self.asksForDebug(environment)
    audit = !Self.turnsOff(environment[Self.auditVariable])
  }

  /// Whether `BP_LOG_LEVEL` is `DEBUG`, in any case, surrounding whitespace ignored: the one place it is decoded.
  public static func asksForDebug(_ environment: [String: String]) -> Bool {
    environment[logLevelVariable].map { trimmed($0).lowercased() == "debug" } ?? false
  }

  /// The patterns of `BP_GROUP_WRITABLE_PATHS`, with origin `BP_GROUP_WRITABLE_PATHS` and the
  /// item number (the line number when the value has newlines).
  public func patterns() -> [Pattern] {
    guard let paths else { return [] }
    let bytes = Array(paths.utf8)
    if bytes.contains(0x0A) { return PatternParser.parse(bytes, source: Self.pathsVariable) }
    return Self.commaSeparatedItems(bytes).enumerated().compactMap { index, item in
      PatternParser.parseLine(
        item, origin: PatternOrigin(source: Self.pathsVariable, line: index + 1))
    }
  }

  /// The items of a comma-separated value: `\,` is a literal comma, other backslashes are kept,
  /// and spaces and tabs before each item are dropped (`logs/, tmp/` is `logs/` and `tmp/`).
  public static func commaSeparatedItems(_ value: [UInt8]) -> [[UInt8]] {
    var items: [[UInt8]] = []
    var current: [UInt8] = []
    var index = 0
    while index < value.count {
      let byte = value[index]
      if byte == UInt8(ascii: "\\"), index + 1 < value.count, value[index + 1] == UInt8(ascii: ",")
      {
        current.append(UInt8(ascii: ","))
        index += 2
        continue
      }
      let isBlank = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
      if byte == UInt8(ascii: ",") {
        items.append(current)
        current = []
      } else if !(current.isEmpty && isBlank) {
        current.append(byte)
      }
      index += 1
    }
    items.append(current)
    return items
  }

  /// Whether an on/off variable (`BP_GROUP_WRITABLE_AUDIT`, `BPL_GROUP_WRITABLE_CHECK`) says off: one of
  /// `falseSpellings` or `off`, in any case, surrounding whitespace ignored; unset or anything else is on.
  public static func turnsOff(_ value: String?) -> Bool {
    guard let value else { return false }
    let spelling = trimmed(value).lowercased()
    return falseSpellings.contains(spelling) || spelling == "off"
  }

  /// `value` when it has a non-whitespace character.
  static func nonBlank(_ value: String) -> String? {
    trimmed(value).isEmpty ? nil : value
  }

  /// `value` without leading and trailing spaces, tabs and line breaks.
  static func trimmed(_ value: String) -> String {
    let scalars = value.unicodeScalars
    let isBlank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let first = scalars.firstIndex(where: { !isBlank($0) }),
      let last = scalars.lastIndex(where: { !isBlank($0) })
    else { return "" }
    return String(scalars[first...last])
  }
}
