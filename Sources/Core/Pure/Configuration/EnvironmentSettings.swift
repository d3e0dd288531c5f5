import Patterns

/// The buildpack's `BP_*` environment variables, parsed and checked; pure (no I/O).
///
/// A blank value (only spaces, tabs and line breaks) counts as unset. Booleans accept
/// `trueSpellings` and `falseSpellings` in any case; any other value is an error naming the
/// variable. How these combine with `project.toml` is `ConfigurationResolver`'s rule.
public struct EnvironmentSettings: Equatable, Sendable {
  /// `BP_GROUP_WRITABLE`'s name.
  public static let enabledVariable = EnvironmentVariable.enabled.name
  /// `BP_GROUP_WRITABLE_PATHS`'s name.
  public static let pathsVariable = EnvironmentVariable.paths.name
  /// `BP_LOG_LEVEL`'s name.
  public static let logLevelVariable = EnvironmentVariable.logLevel.name
  /// The spellings of a boolean that mean true (case-insensitive).
  public static let trueSpellings = ["true", "1", "yes"]
  /// The spellings of a boolean that mean false (case-insensitive).
  public static let falseSpellings = ["false", "0", "no"]
  /// The boolean variables other than `BP_GROUP_WRITABLE`, each overriding its key.
  public static let flagVariables: [EnvironmentVariable] = [
    .setgid, .keepWorldWritable, .exclusive, .sqliteDirectories, .audit,
  ]

  /// `BP_GROUP_WRITABLE` as a boolean; nil when unset or blank.
  public var enabled: Bool?
  /// The raw `BP_GROUP_WRITABLE` value (for messages); nil when unset or blank.
  public var enabledValue: String?
  /// The raw `BP_GROUP_WRITABLE_PATHS` value; nil when unset or blank.
  public var paths: String?
  /// `BP_GROUP_WRITABLE_PATHS_FILE`; nil when unset or blank.
  public var pathsFile: String?
  /// The raw `BP_GROUP_WRITABLE_CREATE` value; nil when unset or blank.
  public var create: String?
  /// The raw `BP_GROUP_WRITABLE_EPHEMERAL` value; nil when unset or blank.
  public var ephemeral: String?
  /// The raw `BP_GROUP_WRITABLE_PRESETS` value; nil when unset or blank.
  public var presets: String?
  /// `BP_GROUP_WRITABLE_EPHEMERAL_BASE`, checked; nil when unset or blank.
  public var ephemeralBase: String?
  /// The set boolean variables of `flagVariables`.
  public var flags: [EnvironmentVariable: Bool]
  /// Whether `BP_LOG_LEVEL` is `DEBUG` (any case).
  public var debug: Bool
  /// Values that are probably not what was meant (a colon-separated list).
  public var warnings: [ConfigurationWarning]

  /// Parses the variables from the merged environment (process and platform `env` files).
  public init(environment: [String: String]) throws(ConfigurationError) {
    for variable in EnvironmentVariable.allCases where variable.isCapped {
      try Self.checkSize(of: variable, in: environment)
    }
    let value = { (variable: EnvironmentVariable) in
      environment[variable.name].flatMap(Self.nonBlank)
    }
    enabledValue = value(.enabled)
    enabled = try Self.enabled(in: environment)
    paths = value(.paths)
    pathsFile = value(.pathsFile).map(Self.trimmed)
    create = value(.create)
    ephemeral = value(.ephemeral)
    presets = value(.presets)
    if let base = value(.ephemeralBase) {
      do {
        ephemeralBase = try EphemeralBase.check(Self.trimmed(base))
      } catch {
        throw .invalidEphemeralBase(source: .variable(.ephemeralBase), value: base, problem: error)
      }
    }
    flags = [:]
    for variable in Self.flagVariables {
      if let text = value(variable) { flags[variable] = try Self.boolean(text, variable) }
    }
    debug = Self.asksForDebug(environment)
    warnings = []
    for (variable, text) in [
      (EnvironmentVariable.paths, paths), (.create, create), (.ephemeral, ephemeral),
    ] {
      if let text, let parts = EnvironmentList.colonSeparatedParts(text) {
        warnings.append(.colonSeparatedList(variable: variable, value: text, parts: parts))
      }
    }
  }

  /// `BP_GROUP_WRITABLE` alone: nil when unset or blank. Read first, so that `false` turns the
  /// buildpack off whatever the other variables hold.
  public static func enabled(in environment: [String: String]) throws(ConfigurationError) -> Bool? {
    try checkSize(of: .enabled, in: environment)
    guard let text = environment[EnvironmentVariable.enabled.name].flatMap(nonBlank) else {
      return nil
    }
    return try boolean(text, .enabled)
  }

  /// Throws `variableTooLarge` when `variable` is longer than `ConfigurationLimits.variableBytes`.
  static func checkSize(
    of variable: EnvironmentVariable, in environment: [String: String]
  ) throws(ConfigurationError) {
    let limit = ConfigurationLimits.variableBytes
    if let size = environment[variable.name]?.utf8.count, size > limit {
      throw .variableTooLarge(variable: variable, size: size, limit: limit)
    }
  }

  /// A boolean spelling, or `invalidEnvironmentBoolean` naming `variable`.
  static func boolean(
    _ text: String, _ variable: EnvironmentVariable
  ) throws(ConfigurationError) -> Bool {
    let spelling = trimmed(text).lowercased()
    if trueSpellings.contains(spelling) { return true }
    if falseSpellings.contains(spelling) { return false }
    throw .invalidEnvironmentBoolean(variable: variable, value: text)
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
    return EnvironmentList.commaSeparatedItems(bytes).enumerated().compactMap { index, item in
      PatternParser.parseLine(
        item, origin: PatternOrigin(source: Self.pathsVariable, line: index + 1))
    }
  }

  /// Whether an on/off variable (`BPL_GROUP_WRITABLE_CHECK`, which must never stop a container)
  /// says off: one of `falseSpellings` or `off`, in any case, surrounding whitespace ignored;
  /// unset or anything else is on.
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
