import ChildProcessSupport
import Core
import FileSystem
import Patterns
import Testing

@Suite(.spawnedTOMLParser) struct ConfigurationErrorDiagnosticTests {
  @Test(arguments: [
    (
      ConfigurationError.projectFileUnreadable(
        file: "project.toml",
        cause: .symbolicLink(path: "project.toml", component: "project.toml")),
      """
      ! Cannot read `project.toml`
      !
      ! `project.toml` is a symbolic link, and the buildpack does not follow symbolic links in \
      the app directory.
      !
      ! How to fix it:
      ! - Replace the symbolic link with the file or directory it points to.

      """
    ),
    (
      .projectFileUnreadable(file: "project.toml", cause: .notRegularFile(path: "project.toml")),
      """
      ! Cannot read `project.toml`
      !
      ! `project.toml` is not a regular file.
      !
      ! How to fix it:
      ! - Use a regular file.

      """
    ),
    (
      .projectFileUnreadable(
        file: "project.toml", cause: .tooLarge(path: "project.toml", limit: 1 << 20)),
      """
      ! Cannot read `project.toml`
      !
      ! `project.toml` is larger than the limit of 1 MiB (1048576 bytes).
      !
      ! How to fix it:
      ! - Make the file smaller, for example with wildcard or directory patterns.

      """
    ),
    (
      .projectFileUnreadable(
        file: "project.toml", cause: .systemError(path: "project.toml", .permissionDenied)),
      """
      ! Cannot read `project.toml`
      !
      ! `project.toml` could not be read: EACCES (Permission denied).
      !
      ! How to fix it:
      ! - Make sure the build user can read the file.

      """
    ),
    (
      .projectFileUnreadable(file: "project.toml", cause: .notFound(path: "project.toml")),
      """
      ! Cannot read `project.toml`
      !
      ! `project.toml` does not exist in the app directory.
      !
      ! How to fix it:
      ! - Create the file, or correct the path: it is relative to the app directory.

      """
    ),
    (
      .nulByte(file: "project.toml", line: 2, column: 7),
      """
      ! Invalid TOML in `project.toml`
      !
      ! `project.toml` contains a NUL byte at line 2, column 7.
      !
      ! How to fix it:
      ! - Remove the NUL byte: a TOML file must be UTF-8 text.

      """
    ),
    (
      .invalidUTF8(file: "project.toml", line: 3, column: 1),
      """
      ! Invalid TOML in `project.toml`
      !
      ! `project.toml` is not valid UTF-8 at line 3, column 1.
      !
      ! How to fix it:
      ! - Save the file as UTF-8 text.

      """
    ),
    (
      .malformedTOML(
        file: "project.toml", line: 2, column: 10,
        description: "Error while parsing key-value pair: expected value, saw '\\n'"),
      """
      ! Invalid TOML in `project.toml`
      !
      ! `project.toml` is not valid TOML (line 2, column 10): Error while parsing key-value \
      pair: expected value, saw '\\n'
      !
      ! How to fix it:
      ! - Fix the TOML syntax at line 2, column 10 (see https://toml.io).

      """
    ),
    (
      .tableWrongType(file: "project.toml", found: .array, line: 1),
      """
      ! Invalid configuration in `project.toml`
      !
      ! The key `utility.group-writable` (line 1) must be a table, but it is an array.
      !
      ! How to fix it:
      ! - Write the settings under one `[utility.group-writable]` table header.

      """
    ),
    (
      .tableWrongType(file: "project.toml", found: .string, line: nil),
      """
      ! Invalid configuration in `project.toml`
      !
      ! The key `utility.group-writable` must be a table, but it is a string.
      !
      ! How to fix it:
      ! - Write the settings under one `[utility.group-writable]` table header.

      """
    ),
    (
      .wrongType(
        file: "project.toml", key: .enabled, element: nil, expected: .boolean, found: .integer,
        line: nil),
      """
      ! Invalid configuration in `project.toml`
      !
      ! The key `utility.group-writable.enabled` (in table `[utility.group-writable]`) must be \
      a boolean (true or false), but it is an integer.
      !
      ! How to fix it:
      ! - Write `enabled = true` or `enabled = false`.

      """
    ),
    (
      .wrongType(
        file: "project.toml", key: .paths, element: nil, expected: .stringOrStringArray,
        found: .float, line: 4),
      """
      ! Invalid configuration in `project.toml`
      !
      ! The key `utility.group-writable.paths` (line 4) must be a string or an array of \
      strings, but it is a floating-point number.
      !
      ! How to fix it:
      ! - Write the patterns as an array of strings, such as `paths = ["log/", "tmp/"]`, or \
      as a multi-line string with one pattern per line.

      """
    ),
    (
      .wrongType(
        file: "project.toml", key: .paths, element: 3, expected: .string, found: .table,
        line: 4),
      """
      ! Invalid configuration in `project.toml`
      !
      ! Element 3 of the key `utility.group-writable.paths` (line 4) must be a string, but it \
      is a table.
      !
      ! How to fix it:
      ! - Quote each pattern, such as `paths = ["log/", "tmp/"]`.

      """
    ),
    (
      .wrongType(
        file: "project.toml", key: .pathsFile, element: nil, expected: .string,
        found: .boolean, line: 5),
      """
      ! Invalid configuration in `project.toml`
      !
      ! The key `utility.group-writable.paths-file` (line 5) must be a string, but it is a \
      boolean.
      !
      ! How to fix it:
      ! - Write the file's path relative to the app directory in quotes, such as \
      `paths-file = "writable-paths"`.

      """
    ),
    (
      .wrongType(
        file: "project.toml", key: .create, element: nil, expected: .stringArray,
        found: .date, line: 6),
      """
      ! Invalid configuration in `project.toml`
      !
      ! The key `utility.group-writable.create` (line 6) must be an array of strings, but it \
      is a date.
      !
      ! How to fix it:
      ! - Write the directories as an array of strings, such as `create = ["tmp/cache", "log"]`.

      """
    ),
    (
      .wrongType(
        file: "project.toml", key: .create, element: 1, expected: .string, found: .time,
        line: 6),
      """
      ! Invalid configuration in `project.toml`
      !
      ! Element 1 of the key `utility.group-writable.create` (line 6) must be a string, but it \
      is a time.
      !
      ! How to fix it:
      ! - Quote each directory, such as `create = ["tmp/cache", "log"]`.

      """
    ),
    (
      .wrongType(
        file: "project.toml", key: .setgid, element: nil, expected: .boolean, found: .dateTime,
        line: 7),
      """
      ! Invalid configuration in `project.toml`
      !
      ! The key `utility.group-writable.setgid` (line 7) must be a boolean (true or false), \
      but it is a date-time.
      !
      ! How to fix it:
      ! - Write `setgid = true` or `setgid = false`.

      """
    ),
    (
      .multiLineElement(file: "project.toml", key: .paths, element: 2, line: 3),
      """
      ! Invalid configuration in `project.toml`
      !
      ! Element 2 of the key `utility.group-writable.paths` (line 3) contains a line break, \
      but each array element is one pattern.
      !
      ! How to fix it:
      ! - Split it into one element per pattern, or write all patterns in one multi-line string.

      """
    ),
    (
      .emptyPathsFile(file: "project.toml", line: 3),
      """
      ! Invalid configuration in `project.toml`
      !
      ! The key `utility.group-writable.paths-file` (line 3) is an empty string.
      !
      ! How to fix it:
      ! - Write the path of a file relative to the app directory, or remove the key.

      """
    ),
  ])
  func rendersProjectFileErrors(error: ConfigurationError, text: String) {
    #expect(rendered(error) == text)
  }
}
