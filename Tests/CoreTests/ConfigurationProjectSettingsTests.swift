import ChildProcessSupport
import Core
import FileSystem
import Patterns
import Testing

@Suite(.spawnedTOMLParser) struct ConfigurationProjectSettingsTests {
  // MARK: - Valid tables

  @Test(arguments: [
    "",
    "[_]\nschema-version = \"0.2\"\n",
    "[io.buildpacks]\nbuilder = \"x\"\n",
    "utility = \"not a table\"\n",
    "[utility]\nother-tool = 1\n",
    "[utility.group-writables]\npaths = 1\n",
  ])
  func hasNoTable(text: String) {
    #expect(parseProject(text).value == .some(nil))
  }

  @Test(arguments: [
    "[utility.group-writable]\n",
    "utility.group-writable = {}\n",
    "[utility]\ngroup-writable = {}\n",
  ])
  func appliesDefaultsToAnEmptyTable(text: String) {
    #expect(parseProject(text).value == ProjectSettings())
    let settings = ProjectSettings()
    #expect(settings.setgid == false)
    #expect(settings.enabled == true)
    #expect(settings.paths == nil && settings.pathsFile == nil && settings.create.isEmpty)
  }

  @Test func readsPathsAsAMultiLineString() {
    let text = """
      [utility.group-writable]
      paths = \"\"\"
      log/
      # comment
      tmp/cache/
      \"\"\"
      """
    #expect(parseProject(text).value??.paths == .text("log/\n# comment\ntmp/cache/\n"))
  }

  @Test func readsPathsAsASingleLineString() {
    let text = "[utility.group-writable]\npaths = 'log/'\n"
    #expect(parseProject(text).value??.paths == .text("log/"))
  }

  @Test func readsPathsAsAnArray() {
    let text = "[utility.group-writable]\npaths = [\"log/\", \"\", '!log/keep']\n"
    #expect(parseProject(text).value??.paths == .lines(["log/", "", "!log/keep"]))
  }

  @Test func readsPathsFileWithItsLine() {
    let text = "[utility.group-writable]\n\npaths-file = \"config/writable\"\n"
    let settings = parseProject(text).value ?? nil
    #expect(settings?.pathsFile == "config/writable")
    #expect(settings?.pathsFileLine == 3)
  }

  @Test func normalisesAndDeduplicatesCreate() {
    let text = """
      [utility.group-writable]
      create = ["tmp/cache", "./tmp//cache/", "log", "a/./b/"]
      """
    #expect(parseProject(text).value??.create == ["tmp/cache", "log", "a/b"])
  }

  @Test(arguments: [
    ("setgid = true", true, true), ("setgid = false", false, true),
    ("enabled = false", false, false), ("enabled = true", false, true),
    ("setgid = true\nenabled = false", true, false),
  ])
  func readsBooleans(line: String, setgid: Bool, enabled: Bool) {
    let settings = parseProject("[utility.group-writable]\n\(line)\n").value ?? nil
    #expect(settings?.setgid == setgid)
    #expect(settings?.enabled == enabled)
  }

  @Test func readsInlineAndDottedForms() {
    let inline = "utility.group-writable = { paths = [\"a\"], setgid = true }\n"
    #expect(
      parseProject(inline).value
        == ProjectSettings(paths: .lines(["a"]), pathsLine: 1, setgid: true))
    let dotted = "[utility]\ngroup-writable.create = [\"x\"]\ngroup-writable.enabled = false\n"
    #expect(
      parseProject(dotted).value == ProjectSettings(create: ["x"], createLine: 2, enabled: false))
  }

  // MARK: - Unknown keys

  @Test func warnsAboutUnknownKeysInLineOrder() {
    let text = """
      [utility.group-writable]
      setguid = true
      path = "a"
      paths_file = "b"
      Enabled = true
      totally-unrelated = 1
      "odd key" = 2

      [utility.group-writable.extra]
      x = 1
      """
    let warnings = parseProject(text).value??.warnings
    #expect(
      warnings == [
        .unknownKey(file: "project.toml", key: "setguid", line: 2, suggestion: .setgid),
        .unknownKey(file: "project.toml", key: "path", line: 3, suggestion: .paths),
        .unknownKey(file: "project.toml", key: "paths_file", line: 4, suggestion: .pathsFile),
        .unknownKey(file: "project.toml", key: "Enabled", line: 5, suggestion: .enabled),
        .unknownKey(file: "project.toml", key: "totally-unrelated", line: 6, suggestion: nil),
        .unknownKey(file: "project.toml", key: "odd key", line: 7, suggestion: nil),
        .unknownKey(file: "project.toml", key: "extra", line: 9, suggestion: nil),
      ])
  }

  @Test(arguments: [
    ("patterns", ProjectSettingKey.paths as ProjectSettingKey?),
    ("pattern-file", .pathsFile),
    ("paths-files", .pathsFile),
    ("pathsfile", .pathsFile),
    ("mkdir", nil),
    ("creates", .create),
    ("set-gid", .setgid),
    ("enable", .enabled),
    ("disabled", .enabled),
    ("x", nil),
  ])
  func suggestsTheClosestKnownKey(key: String, suggestion: ProjectSettingKey?) {
    let text = "[utility.group-writable]\n\(key) = 1\n"
    let warnings = parseProject(text).value??.warnings
    #expect(
      warnings == [.unknownKey(file: "project.toml", key: key, line: 2, suggestion: suggestion)])
  }

  // MARK: - Type errors

  @Test(arguments: [
    (
      "setgid = \"yes\"",
      ConfigurationError.wrongType(
        file: "project.toml", key: .setgid, element: nil, expected: .boolean, found: .string,
        line: 3)
    ),
    (
      "enabled = 1",
      .wrongType(
        file: "project.toml", key: .enabled, element: nil, expected: .boolean, found: .integer,
        line: 3)
    ),
    (
      "paths = 5.0",
      .wrongType(
        file: "project.toml", key: .paths, element: nil, expected: .stringOrStringArray,
        found: .float, line: 3)
    ),
    (
      "paths = { a = 1 }",
      .wrongType(
        file: "project.toml", key: .paths, element: nil, expected: .stringOrStringArray,
        found: .table, line: 3)
    ),
    (
      "paths = [\"a\", true]",
      .wrongType(
        file: "project.toml", key: .paths, element: 2, expected: .string, found: .boolean,
        line: 3)
    ),
    (
      "paths = [\"a\", [\"b\"]]",
      .wrongType(
        file: "project.toml", key: .paths, element: 2, expected: .string, found: .array,
        line: 3)
    ),
    (
      "paths-file = 1979-05-27",
      .wrongType(
        file: "project.toml", key: .pathsFile, element: nil, expected: .string, found: .date,
        line: 3)
    ),
    (
      "paths-file = 07:32:00",
      .wrongType(
        file: "project.toml", key: .pathsFile, element: nil, expected: .string, found: .time,
        line: 3)
    ),
    (
      "create = \"tmp\"",
      .wrongType(
        file: "project.toml", key: .create, element: nil, expected: .stringArray,
        found: .string, line: 3)
    ),
    (
      "create = [\"a\", 1979-05-27T07:32:00Z]",
      .wrongType(
        file: "project.toml", key: .create, element: 2, expected: .string, found: .dateTime,
        line: 3)
    ),
    (
      "paths = [\"a\", \"b\\nc\"]",
      .multiLineElement(file: "project.toml", key: .paths, element: 2, line: 3)
    ),
    (
      "paths = [\"a\\r\"]",
      .multiLineElement(file: "project.toml", key: .paths, element: 1, line: 3)
    ),
    ("paths-file = \"\"", .emptyPathsFile(file: "project.toml", line: 3)),
  ])
  func rejectsWrongTypes(line: String, expected: ConfigurationError) {
    let text = "# app settings\n[utility.group-writable]\n\(line)\n"
    #expect(parseProject(text).error == expected)
  }

  @Test(arguments: [
    ("", RelativePath.Problem.empty),
    ("/srv/app/tmp", .absolute),
    ("tmp/../../etc", .parentComponent),
    ("..", .parentComponent),
    (".", .appDirectory),
    ("./", .appDirectory),
    ("//", .absolute),
  ])
  func rejectsBadCreatePaths(entry: String, problem: RelativePath.Problem) {
    let text = "[utility.group-writable]\ncreate = [\"ok\", \"\(entry)\"]\n"
    #expect(
      parseProject(text).error
        == .invalidDirectory(
          source: .key(.create, file: "project.toml", line: 2), element: 2, value: entry,
          problem: problem))
  }

  @Test(arguments: [
    (
      "utility.group-writable = 5\n",
      ConfigurationError.tableWrongType(file: "project.toml", found: .integer, line: 1)
    ),
    (
      "[[utility.group-writable]]\npaths = \"a\"\n",
      .tableWrongType(file: "project.toml", found: .array, line: 1)
    ),
    (
      "[utility]\nx = 1\ngroup-writable = \"yes\"\n",
      .tableWrongType(file: "project.toml", found: .string, line: 3)
    ),
  ])
  func rejectsATableOfTheWrongType(text: String, expected: ConfigurationError) {
    #expect(parseProject(text).error == expected)
  }

  @Test func reportsTheFirstErrorInKeyOrder() {
    let text = "[utility.group-writable]\nenabled = 1\npaths = 2\n"
    #expect(
      parseProject(text).error
        == .wrongType(
          file: "project.toml", key: .paths, element: nil, expected: .stringOrStringArray,
          found: .integer, line: 3))
  }

  @Test func rendersATypeErrorCompletely() throws {
    let text =
      "[utility.group-writable]\npaths = [\"log/\"]\n\n\n\nenabled = true\nsetgid = \"yes\"\n"
    let error = try #require(parseProject(text).error)
    #expect(
      rendered(error) == """
        ! Invalid configuration in `project.toml`
        !
        ! The key `utility.group-writable.setgid` (line 7) must be a boolean (true or false), \
        but it is a string.
        !
        ! How to fix it:
        ! - Write `setgid = true` or `setgid = false`.

        """)
  }
}
