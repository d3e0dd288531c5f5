import FileSystem
import Patterns

/// Why the buildpack's configuration could not be loaded; rendered by its `diagnostic`.
public enum ConfigurationError: Error, Equatable, Sendable {
  /// `project.toml` exists but could not be read (symbolic link, not a regular file, too large,
  /// I/O error).
  case projectFileUnreadable(file: String, cause: AppFileError)
  /// The TOML file contains a NUL byte at `line`, `column` (1-based, column counted in characters).
  case nulByte(file: String, line: Int, column: Int)
  /// The TOML file is not valid UTF-8 at `line`, `column` (1-based, column counted in characters).
  case invalidUTF8(file: String, line: Int, column: Int)
  /// TOMLKit rejected the file; `description` is its message.
  case malformedTOML(file: String, line: Int, column: Int, description: String)
  /// `utility.group-writable` exists but is not a table (`line` nil when it could not be located).
  case tableWrongType(file: String, found: ValueKind, line: Int?)
  /// A key (or its 1-based array `element`) has the wrong type.
  case wrongType(
    file: String, key: ProjectSettingKey, element: Int?, expected: ExpectedValue,
    found: ValueKind, line: Int?)
  /// Element `element` (1-based) of a `paths` array contains a line break.
  case multiLineElement(file: String, key: ProjectSettingKey, element: Int, line: Int?)
  /// Element `element` (1-based) of `create` is not a usable relative directory path.
  case invalidCreatePath(
    file: String, element: Int, value: String, problem: RelativePath.Problem, line: Int?)
  /// `paths-file` is the empty string.
  case emptyPathsFile(file: String, line: Int?)
  /// The file named by `paths-file` (in `file`, at `line`) could not be read.
  case pathsFileUnreadable(path: String, file: String, line: Int?, cause: AppFileError)
  /// A boolean environment variable has a value that is not a boolean spelling.
  case invalidEnvironmentBoolean(variable: String, value: String)

  /// The type a key requires.
  public enum ExpectedValue: Equatable, Sendable {
    /// `true` or `false`.
    case boolean
    /// A string.
    case string
    /// A (multi-line) string or an array of strings.
    case stringOrStringArray
    /// An array of strings.
    case stringArray
  }

  /// The type of a TOML value that was found instead.
  public enum ValueKind: Equatable, Sendable {
    /// A string.
    case string
    /// An integer.
    case integer
    /// A floating-point number.
    case float
    /// A boolean.
    case boolean
    /// A local date.
    case date
    /// A local time.
    case time
    /// A date with a time.
    case dateTime
    /// An array.
    case array
    /// A table (also an inline table).
    case table
  }

}
