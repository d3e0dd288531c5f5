import ChildProcessSupport
import Core
import FileSystem
import Patterns
import Testing

/// Exact text of the errors about `create` paths, the app directory and patterns files, and escaping.
@Suite(.spawnedTOMLParser) struct ConfigurationPathErrorDiagnosticTests {
  @Test(arguments: [
    (
      RelativePath.Problem.empty, "",
      "Element 2 of the key `utility.group-writable.create` (line 4) is an empty string."
    ),
    (
      .absolute, "/srv/tmp",
      "Element 2 of the key `utility.group-writable.create` (line 4) is `/srv/tmp`, an "
        + "absolute path."
    ),
    (
      .parentComponent, "a/../../b",
      "Element 2 of the key `utility.group-writable.create` (line 4) is `a/../../b`, which has "
        + "a `..` component."
    ),
    (
      .nulByte, "a\u{0}b",
      "Element 2 of the key `utility.group-writable.create` (line 4) is `a\\x00b`, which "
        + "contains a NUL byte."
    ),
  ])
  func rendersCreatePathErrors(
    problem: RelativePath.Problem, value: String, sentence: String
  ) {
    let error = ConfigurationError.invalidDirectory(
      source: .key(.create, file: "project.toml", line: 4), element: 2, value: value,
      problem: problem)
    #expect(
      rendered(error) == """
        ! Invalid configuration in `project.toml`
        !
        ! \(sentence)
        !
        ! Directories to create must be relative to the app directory and stay inside it.
        !
        ! How to fix it:
        ! - Write a directory path relative to the app directory, such as \
        `create = ["tmp/cache"]`.

        """)
  }

  @Test func rendersTheAppDirectoryCreateError() {
    let error = ConfigurationError.invalidDirectory(
      source: .key(.create, file: "project.toml", line: nil), element: 1, value: "./",
      problem: .appDirectory)
    #expect(
      rendered(error) == """
        ! Invalid configuration in `project.toml`
        !
        ! Element 1 of the key `utility.group-writable.create` (in table \
        `[utility.group-writable]`) is `./`, which names the app directory itself.
        !
        ! Directories to create must be relative to the app directory and stay inside it.
        !
        ! How to fix it:
        ! - Write a directory path relative to the app directory, such as \
        `create = ["tmp/cache"]`.
        ! - To make the whole app group-writable, set `BP_GROUP_WRITABLE=true` and configure no \
        patterns.

        """)
  }

  @Test(arguments: [
    (
      AppFileError.notFound(path: "config/writable"),
      "`config/writable` does not exist in the app directory.",
      "Create the file, or correct the path: it is relative to the app directory."
    ),
    (
      .outsideAppDirectory(path: "config/writable"),
      "`config/writable` is not a path inside the app directory: it is absolute or has a `..` "
        + "component.",
      "Use a path relative to the app directory, without `..`."
    ),
    (
      .symbolicLink(path: "config/writable", component: "config/writable"),
      "`config/writable` is a symbolic link, and the buildpack does not follow symbolic links "
        + "in the app directory.",
      "Replace the symbolic link with the file or directory it points to."
    ),
    (
      .symbolicLink(path: "config/writable", component: "config"),
      "`config`, on the way to `config/writable`, is a symbolic link, and the buildpack does "
        + "not follow symbolic links in the app directory.",
      "Replace the symbolic link with the file or directory it points to."
    ),
    (
      .notRegularFile(path: "config/writable"),
      "`config/writable` is not a regular file.",
      "Use a regular file."
    ),
    (
      .tooLarge(path: "config/writable", limit: 1 << 20),
      "`config/writable` is larger than the limit of 1 MiB (1048576 bytes).",
      "Make the file smaller, for example with wildcard or directory patterns."
    ),
    (
      .systemError(path: "config/writable", .permissionDenied),
      "`config/writable` could not be read: EACCES (Permission denied).",
      "Make sure the build user can read the file."
    ),
  ])
  func rendersPathsFileErrors(cause: AppFileError, problem: String, fix: String) {
    let error = ConfigurationError.pathsFileUnreadable(
      path: "config/writable", source: .key(.pathsFile, file: "project.toml", line: 5),
      cause: cause)
    #expect(
      rendered(error) == """
        ! Cannot read the paths file `config/writable`
        !
        ! The key `utility.group-writable.paths-file` (line 5) in `project.toml` names the \
        paths file `config/writable`.
        !
        ! \(problem)
        !
        ! How to fix it:
        ! - \(fix)

        """)
  }

  @Test func escapesUserValues() {
    let error = ConfigurationError.pathsFileUnreadable(
      path: "a\nb", source: .key(.pathsFile, file: "project.toml", line: nil),
      cause: .notRegularFile(path: "a\nb"))
    #expect(
      rendered(error) == """
        ! Cannot read the paths file `a\\nb`
        !
        ! The key `utility.group-writable.paths-file` (in table `[utility.group-writable]`) in \
        `project.toml` names the paths file `a\\nb`.
        !
        ! `a\\nb` is not a regular file.
        !
        ! How to fix it:
        ! - Use a regular file.

        """)
  }
}
