import Patterns

extension ConfigurationError {
  /// The diagnostic of `invalidDirectory`: a `create` or `ephemeral` entry that cannot be used.
  static func invalidDirectory(
    _ source: SettingSource, element: Int, value: String, problem: RelativePath.Problem
  ) -> Diagnostic {
    let isEphemeral = source.setting == .ephemeral
    var suggestions = [
      "Write a directory path relative to the app directory, such as "
        + "\(Self.directoryExample(source))."
    ]
    if problem == .appDirectory && !isEphemeral {
      suggestions.append(
        "To make the whole app group-writable, set `\(EnvironmentSettings.enabledVariable)=true` "
          + "and configure no patterns.")
    }
    return Diagnostic(
      title: Self.title(source),
      detail: [
        "\(Self.entrySubject(source, element: element)) \(Self.directoryProblem(problem, value: value)).",
        (isEphemeral ? "Ephemeral directories" : "Directories to create")
          + " must be relative to the app directory and stay inside it.",
      ],
      suggestions: suggestions)
  }

  /// The diagnostic of `nestedEphemeral`.
  static func nestedEphemeral(
    inner: String, innerSource: SettingSource, outer: String, outerSource: SettingSource
  ) -> Diagnostic {
    return Diagnostic(
      title: "Nested ephemeral directories",
      detail: [
        "\(DiagnosticText.code(inner)) (from \(Self.sourceText(innerSource))) is inside "
          + "\(DiagnosticText.code(outer)) (from \(Self.sourceText(outerSource))).",
        "Each ephemeral directory becomes one link to a writable place, so none may be inside "
          + "another.",
      ],
      suggestions: [
        "Keep only \(DiagnosticText.code(outer)): everything inside it is ephemeral already."
      ])
  }

  /// The diagnostic of `invalidEphemeralBase`.
  static func invalidEphemeralBase(
    _ source: SettingSource, value: String, problem: EphemeralBase.Problem
  ) -> Diagnostic {
    let subject: String
    if case .key(let key, _, let line) = source {
      subject = Self.subject(key, element: nil, line: line)
    } else {
      subject = Self.capitalized(Self.sourceText(source))
    }
    let limit = DiagnosticText.byteCount(ConfigurationLimits.ephemeralBaseBytes)
    return Diagnostic(
      title: Self.title(source),
      detail: [
        "\(subject) \(Self.baseProblem(problem, value: value)).",
        "The ephemeral directories live below it at run time: it must be an absolute, normalised "
          + "path other than `/`, of at most \(limit).",
      ],
      suggestions: [
        "Write an absolute directory such as `\(Configuration.defaultEphemeralBase)` (the "
          + "default), or remove the setting."
      ])
  }

  /// The title of an error in `source`: the file's or the variable's.
  static func title(_ source: SettingSource) -> String {
    switch source {
    case .key(_, let file, _): return "Invalid configuration in \(DiagnosticText.code(file))"
    case .pathsFile(let path): return "Invalid paths file \(DiagnosticText.code(path))"
    case .variable(let variable): return "Invalid value for `\(variable.name)`"
    case .commandLine(let option, _): return "Invalid `\(option)`"
    }
  }

  /// Where a setting came from, in the middle of a sentence: "the key `…` (line N) in
  /// `project.toml`", "the paths file `…`" or "`BP_…`".
  static func sourceText(_ source: SettingSource) -> String {
    switch source {
    case .key(let key, let file, let line):
      return "the key `\(key.dottedName)`\(whereText(line)) in \(DiagnosticText.code(file))"
    case .pathsFile(let path): return "the paths file \(DiagnosticText.code(path))"
    case .variable(let variable): return "`\(variable.name)`"
    case .commandLine(let option, nil): return "the `\(option)` options"
    case .commandLine(let option, let value?): return "`\(option)` \(DiagnosticText.code(value))"
    }
  }

  /// `text` with its first letter in upper case, to start a sentence.
  static func capitalized(_ text: String) -> String {
    guard let first = text.first else { return text }
    return first.uppercased() + text.dropFirst()
  }

  /// "Element E of the key `…` (line N)", "Item E of `BP_…`" or "Line E of the paths file `…`".
  static func entrySubject(_ source: SettingSource, element: Int) -> String {
    switch source {
    case .key(let key, _, let line): return subject(key, element: element, line: line)
    case .pathsFile(let path):
      return "Line \(element) of the paths file \(DiagnosticText.code(path))"
    case .variable(let variable): return "Item \(element) of `\(variable.name)`"
    case .commandLine(let option, _): return "Item \(element) of `\(option)`"
    }
  }

  /// How to write a valid entry where `source` is.
  static func directoryExample(_ source: SettingSource) -> String {
    let isEphemeral = source.setting == .ephemeral
    if case .variable(let variable) = source {
      return "`\(variable.name)=\(isEphemeral ? "tmp" : "tmp/cache,log")`"
    }
    return isEphemeral ? "`ephemeral = [\"tmp\"]`" : "`create = [\"tmp/cache\"]`"
  }

  /// What is wrong with a directory entry, as the end of a sentence about it.
  static func directoryProblem(_ problem: RelativePath.Problem, value: String) -> String {
    let shown = DiagnosticText.code(value)
    switch problem {
    case .empty: return "is an empty string"
    case .absolute: return "is \(shown), an absolute path"
    case .parentComponent: return "is \(shown), which has a `..` component"
    case .nulByte: return "is \(shown), which contains a NUL byte"
    case .appDirectory: return "is \(shown), which names the app directory itself"
    }
  }

  /// What is wrong with an `ephemeral-base`, as the end of a sentence about it.
  static func baseProblem(_ problem: EphemeralBase.Problem, value: String) -> String {
    let shown = DiagnosticText.code(value)
    switch problem {
    case .empty: return "is an empty string"
    case .nulByte: return "is \(shown), which contains a NUL byte"
    case .notAbsolute: return "is \(shown), which is not an absolute path"
    case .root: return "is `/`, the root directory"
    case .parentComponent: return "is \(shown), which has a `..` component"
    case .notNormalised:
      return "is \(shown), which is not normalised (it has an empty or `.` component, or ends "
        + "with `/`)"
    case .tooLong(let limit):
      return "is \(DiagnosticText.byteCount(value.utf8.count)) long, more than the limit of "
        + DiagnosticText.byteCount(limit)
    }
  }
}
