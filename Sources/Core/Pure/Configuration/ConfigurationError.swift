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
  /// A basic string (a value, or a quoted key) at `line` of `file` holds a `\u0000` or
  /// `\U00000000` escape, which the TOML library would cut the string at; `key` is the dotted
  /// key path it belongs to.
  case nulEscape(file: String, line: Int?, key: String)
  /// `file` could not be checked in a child process (`cause` is why `fork` or `waitpid` failed),
  /// and the TOML parser is not run in-process because it can abort on some malformed files.
  case parserUnavailable(file: String, cause: Errno)
  /// `utility.group-writable` exists but is not a table (`line` nil when it could not be located).
  case tableWrongType(file: String, found: ValueKind, line: Int?)
  /// A key (or its 1-based array `element`) has the wrong type.
  case wrongType(
    file: String, key: ProjectSettingKey, element: Int?, expected: ExpectedValue,
    found: ValueKind, line: Int?)
  /// Element `element` (1-based) of a `paths` array contains a line break.
  case multiLineElement(file: String, key: ProjectSettingKey, element: Int, line: Int?)
  /// Element or item `element` (1-based) of a `create` or `ephemeral` list is not a usable
  /// relative directory path.
  case invalidDirectory(
    source: SettingSource, element: Int, value: String, problem: RelativePath.Problem)
  /// Element or item `element` (1-based) of an `ephemeral` list names `.group-writable` or a path inside it,
  /// where the build keeps the `ephemeral` directories' build-time contents.
  case ephemeralInBuildpackDirectory(source: SettingSource, element: Int, value: String)
  /// Two `ephemeral` directories are nested: `inner` is inside `outer` (normalised paths, each
  /// with the source that named it).
  case nestedEphemeral(
    inner: String, innerSource: SettingSource, outer: String, outerSource: SettingSource)
  /// `ephemeral-base` (or its variable) is not a usable absolute directory.
  case invalidEphemeralBase(source: SettingSource, value: String, problem: EphemeralBase.Problem)
  /// `paths-file` is the empty string.
  case emptyPathsFile(file: String, line: Int?)
  /// The paths file `path`, named by `source`, could not be read.
  case pathsFileUnreadable(path: String, source: SettingSource, cause: AppFileError)
  /// A boolean environment variable has a value that is not a boolean spelling.
  case invalidEnvironmentBoolean(variable: EnvironmentVariable, value: String)
  /// A variable's value is `size` bytes, more than `limit`.
  case variableTooLarge(variable: EnvironmentVariable, size: Int, limit: Int)
  /// All sources together give more than `limit` patterns (`create` directories count);
  /// `source` is the one that went over.
  case tooManyPatterns(limit: Int, source: SettingSource)
  /// More than `limit` directories for `key` (`create` or `ephemeral`); `source` went over.
  case tooManyDirectories(key: ProjectSettingKey, limit: Int, source: SettingSource)
  /// The entries for `key` (`create` or `ephemeral`) add up to more than `limit` bytes; `source` went over.
  case directoryListTooLong(key: ProjectSettingKey, limit: Int, source: SettingSource)
  /// The pattern (or directory entry) at `origin` is `length` bytes, more than `limit`.
  case patternTooLong(origin: PatternOrigin, length: Int, limit: Int)
  /// A gitignore-format text (the paths file, `BP_GROUP_WRITABLE_PATHS`, `--patterns-file`) has a NUL byte on the
  /// line `origin` names: git would end the pattern there.
  case nulInPatterns(origin: PatternOrigin)
  /// Entry `element` (1-based) of `presets` or `BP_GROUP_WRITABLE_PRESETS` names no preset; `suggestion` is the
  /// closest name, if one is close enough.
  case unknownPreset(source: SettingSource, element: Int, value: String, suggestion: String?)
  /// Entry `element` of `presets` or `BP_GROUP_WRITABLE_PRESETS` is `length` bytes, more than `limit`.
  case presetNameTooLong(source: SettingSource, element: Int, length: Int, limit: Int)
  /// `presets` or `BP_GROUP_WRITABLE_PRESETS` has more than `limit` entries.
  case tooManyPresets(source: SettingSource, limit: Int)
  /// The platform's file `path` (`<platform>/env/NAME`) for `variable` cannot be used.
  case platformVariableUnusable(
    variable: EnvironmentVariable, path: String, problem: PlatformFileProblem)

  /// What is wrong with a platform's `env/` file.
  public enum PlatformFileProblem: Equatable, Sendable {
    /// It is a symbolic link, which is never followed.
    case symbolicLink
    /// It is a FIFO, a device or a directory, never opened for reading.
    case notRegularFile
    /// It has more than `limit` bytes.
    case tooLarge(limit: Int)
    /// Its bytes are not UTF-8, from `line` on.
    case notUTF8(line: Int)
    /// Reading it failed.
    case unreadable(Errno)
  }

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
