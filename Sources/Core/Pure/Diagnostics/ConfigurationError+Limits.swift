import Patterns

extension ConfigurationError {
  /// The diagnostic of `variableTooLarge`.
  static func variableTooLarge(_ variable: EnvironmentVariable, size: Int, limit: Int) -> Diagnostic
  {
    Diagnostic(
      title: "`\(variable.name)` is too large",
      detail: [
        "The value of `\(variable.name)` is \(DiagnosticText.byteCount(size)), more than the "
          + "limit of \(DiagnosticText.byteCount(limit))."
      ],
      suggestions: [
        "Shorten the value, for example with wildcard or directory patterns instead of one "
          + "entry per path."
      ])
  }

  /// The diagnostic of `tooManyPatterns`.
  static func tooManyPatterns(limit: Int, source: SettingSource) -> Diagnostic {
    Diagnostic(
      title: "Too many patterns",
      detail: [
        "The configuration has more than \(CountText.number(limit)) patterns in all (`create` "
          + "directories count as patterns); \(sourceText(source)) went over the limit."
      ],
      suggestions: [
        "Use fewer, broader patterns: a directory pattern such as `/tmp/` covers everything "
          + "below it, and `*` or `**` cover many names."
      ])
  }

  /// How to need fewer `key` directories.
  static func fewerDirectories(_ key: ProjectSettingKey) -> String {
    key == .ephemeral
      ? "Make a common parent directory ephemeral instead of many directories inside it."
      : "Create fewer directories: a common parent with a pattern that selects it covers "
        + "everything below it."
  }

  /// The diagnostic of `directoryListTooLong`.
  static func directoryListTooLong(_ key: ProjectSettingKey, limit: Int, source: SettingSource)
    -> Diagnostic
  {
    Diagnostic(
      title: "`\(key.rawValue)` directories too long in all",
      detail: [
        "The `\(key.rawValue)` directories add up to more than \(DiagnosticText.byteCount(limit)); "
          + "\(sourceText(source)) went over the limit."
      ],
      suggestions: [fewerDirectories(key)])
  }

  /// The diagnostic of `tooManyDirectories`.
  static func tooManyDirectories(
    _ key: ProjectSettingKey, limit: Int, source: SettingSource
  ) -> Diagnostic {
    let fix = fewerDirectories(key)
    return Diagnostic(
      title: "Too many `\(key.rawValue)` directories",
      detail: [
        "More than \(CountText.number(limit)) `\(key.rawValue)` directories are configured; "
          + "\(sourceText(source)) went over the limit."
      ],
      suggestions: [fix])
  }

  /// The diagnostic of `patternTooLong`.
  static func patternTooLong(_ origin: PatternOrigin, length: Int, limit: Int) -> Diagnostic {
    Diagnostic(
      title: "Pattern too long",
      detail: [
        "The pattern at \(DiagnosticText.code("\(origin.source):\(origin.line)")) is "
          + "\(DiagnosticText.byteCount(length)) long, more than the limit of "
          + "\(DiagnosticText.byteCount(limit))."
      ],
      suggestions: ["Shorten it, for example with `*` or `**` in place of long names."])
  }

  /// The diagnostic of `nulInPatterns`.
  static func nulInPatterns(_ origin: PatternOrigin) -> Diagnostic {
    Diagnostic(
      title: "NUL byte in a pattern",
      detail: [
        "Line \(origin.line) of \(DiagnosticText.code(origin.source)) has a NUL byte. git ends a pattern at a "
          + "NUL byte, so the pattern would select more than what is written after it."
      ],
      suggestions: [
        "Remove the NUL byte from that line (a file saved as UTF-16 has one in every other byte: save it as "
          + "UTF-8)."
      ])
  }

  /// The diagnostic of `platformVariableUnusable`.
  static func platformVariableUnusable(
    _ variable: EnvironmentVariable, path: String, problem: PlatformFileProblem
  ) -> Diagnostic {
    let what: String
    let fix: String
    switch problem {
    case .symbolicLink:
      what = "is a symbolic link, which the buildpack never follows"
      fix = "Write the value into the file itself."
    case .notRegularFile:
      what = "is not a regular file"
      fix = "Make it a regular file holding the value."
    case .tooLarge(let limit):
      what = "is larger than \(DiagnosticText.byteCount(limit))"
      fix =
        "Shorten the value, for example with wildcard or directory patterns instead of one entry per path."
    case .notUTF8(let line):
      what = "is not UTF-8 from line \(line) on"
      fix = "Save it as UTF-8 (a stray byte in a comment counts too)."
    case .unreadable(let error):
      what = "cannot be read: \(error)"
      fix = "Let the build user read it."
    }
    return Diagnostic(
      title: "Cannot read `\(variable.name)`",
      detail: [
        "The platform sets `\(variable.name)` in \(DiagnosticText.code(path)), and that file \(what). The "
          + "buildpack stops rather than build without the setting."
      ],
      suggestions: [fix, "Or remove the file to leave `\(variable.name)` unset."])
  }
}
