import FileSystem
import Patterns

extension ConfigurationError {
  /// The error as a diagnostic for `DiagnosticRenderer`.
  public var diagnostic: Diagnostic {
    switch self {
    case .projectFileUnreadable(let file, let cause):
      return Diagnostic(
        title: "Cannot read \(DiagnosticText.code(file))",
        detail: [Self.fileProblem(cause, subject: DiagnosticText.code(file))],
        suggestions: [Self.fileFix(cause)])
    case .nulByte(let file, let line, let column):
      return Diagnostic(
        title: "Invalid TOML in \(DiagnosticText.code(file))",
        detail: [
          "\(DiagnosticText.code(file)) contains a NUL byte at line \(line), column \(column)."
        ],
        suggestions: ["Remove the NUL byte: a TOML file must be UTF-8 text."])
    case .invalidUTF8(let file, let line, let column):
      return Diagnostic(
        title: "Invalid TOML in \(DiagnosticText.code(file))",
        detail: [
          "\(DiagnosticText.code(file)) is not valid UTF-8 at line \(line), column \(column)."
        ],
        suggestions: ["Save the file as UTF-8 text."])
    case .malformedTOML(let file, let line, let column, let description):
      return Diagnostic(
        title: "Invalid TOML in \(DiagnosticText.code(file))",
        detail: [
          "\(DiagnosticText.code(file)) is not valid TOML (line \(line), column \(column)): "
            + "\(DiagnosticText.message(description))"
        ],
        suggestions: [
          "Fix the TOML syntax at line \(line), column \(column) (see https://toml.io)."
        ])
    case .nulEscape(let file, let line, let key):
      return Diagnostic(
        title: "Invalid configuration in \(DiagnosticText.code(file))",
        detail: [
          "A string of the key \(DiagnosticText.code(key))\(Self.whereText(line)) contains a NUL "
            + "character (a `\\u0000` or `\\U00000000` escape), at which the TOML library would "
            + "cut it short."
        ],
        suggestions: [
          "Remove the escape: patterns, paths and keys cannot contain a NUL character."
        ])
    case .parserUnavailable(let file, let cause):
      return Diagnostic(
        title: "Cannot check \(DiagnosticText.code(file)) safely",
        detail: [
          "The buildpack parses \(DiagnosticText.code(file)) in a child process, but it could not "
            + "start one: \(cause.description).",
          "The TOML parser can crash on some malformed files, so the buildpack does not parse "
            + "\(DiagnosticText.code(file)) in its own process.",
        ],
        suggestions: [
          "Let the build start a child process: raise its process limit (`ulimit -u`, "
            + "`RLIMIT_NPROC`) above the number of processes the build user already runs."
        ])
    case .tableWrongType(let file, let found, let line):
      let table = ProjectSettingKey.tablePath.joined(separator: ".")
      return Diagnostic(
        title: "Invalid configuration in \(DiagnosticText.code(file))",
        detail: [
          "The key `\(table)`\(line.map { " (line \($0))" } ?? "") must be a table, but it is "
            + "\(Self.article(found))."
        ],
        suggestions: [
          "Write the settings under one `\(ProjectSettingKey.tableHeader)` table header."
        ])
    case .wrongType(let file, let key, let element, let expected, let found, let line):
      return Diagnostic(
        title: "Invalid configuration in \(DiagnosticText.code(file))",
        detail: [
          "\(Self.subject(key, element: element, line: line)) must be "
            + "\(Self.expectation(expected)), but it is \(Self.article(found))."
        ],
        suggestions: [Self.typeFix(key, element: element)])
    case .multiLineElement(let file, let key, let element, let line):
      return Diagnostic(
        title: "Invalid configuration in \(DiagnosticText.code(file))",
        detail: [
          "\(Self.subject(key, element: element, line: line)) contains a line break, but each "
            + "array element is one pattern."
        ],
        suggestions: [
          "Split it into one element per pattern, or write all patterns in one multi-line string."
        ])
    case .invalidDirectory(let source, let element, let value, let problem):
      return Self.invalidDirectory(source, element: element, value: value, problem: problem)
    case .ephemeralInBuildpackDirectory(let source, let element, let value):
      return Diagnostic(
        title: Self.title(source),
        detail: [
          "\(Self.entrySubject(source, element: element)) is \(DiagnosticText.code(value)), inside "
            + "`.group-writable/`, where the build keeps what the `ephemeral` directories held at build time: "
            + "that directory would come up empty, or lose its contents, at start."
        ],
        suggestions: [
          "Name the app's own directory in `ephemeral` (such as `tmp`), not its copy under `.group-writable/`."
        ])
    case .nestedEphemeral(let inner, let innerSource, let outer, let outerSource):
      return Self.nestedEphemeral(
        inner: inner, innerSource: innerSource, outer: outer, outerSource: outerSource)
    case .invalidEphemeralBase(let source, let value, let problem):
      return Self.invalidEphemeralBase(source, value: value, problem: problem)
    case .emptyPathsFile(let file, let line):
      return Diagnostic(
        title: "Invalid configuration in \(DiagnosticText.code(file))",
        detail: ["\(Self.subject(.pathsFile, element: nil, line: line)) is an empty string."],
        suggestions: [
          "Write the path of a file relative to the app directory, or remove the key."
        ])
    case .pathsFileUnreadable(let path, let source, let cause):
      return Diagnostic(
        title: "Cannot read the paths file \(DiagnosticText.code(path))",
        detail: [
          "\(Self.capitalized(Self.sourceText(source))) names the paths file "
            + "\(DiagnosticText.code(path)).",
          Self.fileProblem(cause, subject: DiagnosticText.code(path)),
        ],
        suggestions: [Self.fileFix(cause)])
    case .invalidEnvironmentBoolean(let variable, let value):
      let accepted = "`1`/`0` and `yes`/`no` are accepted too, in any case"
      return Diagnostic(
        title: "Invalid value for `\(variable.name)`",
        detail: [
          "The environment variable `\(variable.name)` is set to \(DiagnosticText.code(value)), "
            + "which is not a boolean."
        ],
        suggestions: ["Set `\(variable.name)` to `true` or `false` (\(accepted)), or unset it."])
    case .variableTooLarge(let variable, let size, let limit):
      return Self.variableTooLarge(variable, size: size, limit: limit)
    case .tooManyPatterns(let limit, let source):
      return Self.tooManyPatterns(limit: limit, source: source)
    case .tooManyDirectories(let key, let limit, let source):
      return Self.tooManyDirectories(key, limit: limit, source: source)
    case .directoryListTooLong(let key, let limit, let source):
      return Self.directoryListTooLong(key, limit: limit, source: source)
    case .patternTooLong(let origin, let length, let limit):
      return Self.patternTooLong(origin, length: length, limit: limit)
    case .nulInPatterns(let origin):
      return Self.nulInPatterns(origin)
    case .platformVariableUnusable(let variable, let path, let problem):
      return Self.platformVariableUnusable(variable, path: path, problem: problem)
    case .unknownPreset(let source, let element, let value, let suggestion):
      return Self.unknownPreset(source, element: element, value: value, suggestion: suggestion)
    case .presetNameTooLong(let source, let element, let length, let limit):
      return Self.presetNameTooLong(source, element: element, length: length, limit: limit)
    case .tooManyPresets(let source, let limit):
      return Self.tooManyPresets(source, limit: limit)
    }
  }

  /// ` (line N)` when the line is known, else ` (in table `[utility.group-writable]`)`.
  static func whereText(_ line: Int?) -> String {
    line.map { " (line \($0))" } ?? " (in table `\(ProjectSettingKey.tableHeader)`)"
  }

  /// "The key `…` (line N)" or "Element E of the key `…` (line N)".
  static func subject(_ key: ProjectSettingKey, element: Int?, line: Int?) -> String {
    let named = "`\(key.dottedName)`\(whereText(line))"
    guard let element else { return "The key \(named)" }
    return "Element \(element) of the key \(named)"
  }

  /// The required type with its article.
  static func expectation(_ expected: ExpectedValue) -> String {
    switch expected {
    case .boolean: return "a boolean (true or false)"
    case .string: return "a string"
    case .stringOrStringArray: return "a string or an array of strings"
    case .stringArray: return "an array of strings"
    }
  }

  /// The found type with its article.
  static func article(_ kind: ValueKind) -> String {
    switch kind {
    case .string: return "a string"
    case .integer: return "an integer"
    case .float: return "a floating-point number"
    case .boolean: return "a boolean"
    case .date: return "a date"
    case .time: return "a time"
    case .dateTime: return "a date-time"
    case .array: return "an array"
    case .table: return "a table"
    }
  }

  /// How to write `key` (or one of its elements) with the right type.
  static func typeFix(_ key: ProjectSettingKey, element: Int?) -> String {
    switch (key, element) {
    case (.setgid, _), (.enabled, _), (.keepWorldWritable, _), (.exclusive, _),
      (.sqliteDirectories, _), (.audit, _):
      return "Write `\(key.rawValue) = true` or `\(key.rawValue) = false`."
    case (.paths, nil):
      return "Write the patterns as an array of strings, such as `paths = [\"log/\", \"tmp/\"]`, "
        + "or as a multi-line string with one pattern per line."
    case (.paths, _):
      return "Quote each pattern, such as `paths = [\"log/\", \"tmp/\"]`."
    case (.pathsFile, _):
      return "Write the file's path relative to the app directory in quotes, such as "
        + "`paths-file = \"writable-paths\"`."
    case (.create, nil):
      return "Write the directories as an array of strings, such as "
        + "`create = [\"tmp/cache\", \"log\"]`."
    case (.create, _):
      return "Quote each directory, such as `create = [\"tmp/cache\", \"log\"]`."
    case (.ephemeral, nil):
      return "Write the directories as an array of strings, such as `ephemeral = [\"tmp\"]`."
    case (.ephemeral, _):
      return "Quote each directory, such as `ephemeral = [\"tmp\", \"log\"]`."
    case (.ephemeralBase, _):
      return "Write an absolute directory in quotes, such as "
        + "`ephemeral-base = \"\(Configuration.defaultEphemeralBase)\"`."
    case (.presets, nil):
      return "Write the presets as an array of strings, such as `presets = [\"rails\"]`."
    case (.presets, _):
      return "Quote each preset, such as `presets = [\"rails\"]`."
    }
  }

  /// One sentence saying why the file `subject` (already quoted) could not be read.
  static func fileProblem(_ cause: AppFileError, subject: String) -> String {
    switch cause {
    case .notFound:
      return "\(subject) does not exist in the app directory."
    case .outsideAppDirectory:
      return "\(subject) is not a path inside the app directory: it is absolute or has a `..` "
        + "component."
    case .symbolicLink(let path, let component) where component == path:
      return "\(subject) is a symbolic link, and the buildpack does not follow symbolic links in "
        + "the app directory."
    case .symbolicLink(_, let component):
      return "\(DiagnosticText.code(component)), on the way to \(subject), is a symbolic link, "
        + "and the buildpack does not follow symbolic links in the app directory."
    case .notRegularFile:
      return "\(subject) is not a regular file."
    case .tooLarge(_, let limit):
      return "\(subject) is larger than the limit of \(DiagnosticText.byteCount(limit))."
    case .systemError(_, let errno):
      return "\(subject) could not be read: \(errno.description)."
    }
  }

  /// How to fix a file that could not be read.
  static func fileFix(_ cause: AppFileError) -> String {
    switch cause {
    case .notFound:
      return "Create the file, or correct the path: it is relative to the app directory."
    case .outsideAppDirectory:
      return "Use a path relative to the app directory, without `..`."
    case .symbolicLink:
      return "Replace the symbolic link with the file or directory it points to."
    case .notRegularFile:
      return "Use a regular file."
    case .tooLarge:
      return "Make the file smaller, for example with wildcard or directory patterns."
    case .systemError:
      return "Make sure the build user can read the file."
    }
  }
}
