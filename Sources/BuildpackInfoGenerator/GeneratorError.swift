/// Why `BuildpackInfo.swift` could not be generated from buildpack.toml.
enum GeneratorError: Error {
  /// The descriptor file could not be read.
  case cannotRead(reason: String)
  /// The descriptor is not valid TOML.
  case invalidTOML(description: String, line: Int, column: Int)
  /// A required key (dotted path) is absent.
  case missingKey(String)
  /// A required key (dotted path) is present but is not a table.
  case notATable(String)
  /// A required key (dotted path) is present but is not a non-empty string.
  case notANonEmptyString(String)
  /// `buildpack.version` is not a semantic version (MAJOR.MINOR.PATCH[-PRE][+BUILD]).
  case invalidVersion(String)
  /// The generated source could not be written.
  case cannotWrite(path: String, reason: String)

  /// The one-line message printed after `<buildpack.toml>: error: `.
  var message: String {
    switch self {
    case .cannotRead(let reason):
      return "cannot read the buildpack descriptor: \(reason)"
    case .invalidTOML(let description, let line, let column):
      return "invalid TOML at line \(line), column \(column): \(description)"
    case .missingKey(let key):
      return "missing required key `\(key)`"
    case .notATable(let key):
      return "`\(key)` must be a table"
    case .notANonEmptyString(let key):
      return "`\(key)` must be a non-empty string"
    case .invalidVersion(let version):
      return "`buildpack.version` \"\(version)\" is not a semantic version (MAJOR.MINOR.PATCH)"
    case .cannotWrite(let path, let reason):
      return "cannot write \(path): \(reason)"
    }
  }
}
