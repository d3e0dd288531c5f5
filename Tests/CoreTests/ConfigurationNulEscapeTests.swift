import ChildProcessSupport
import Core
import Testing

/// A `\u0000` escape would be cut short by TOMLKit (it hands Swift C strings): in a string the
/// buildpack reads it is an error naming file, line and key, and no value is ever cut.
@Suite(.spawnedTOMLParser) struct ConfigurationNulEscapeTests {
  static let table = "utility.group-writable"

  @Test(arguments: [
    (#"paths = ["*\u0000.sqlite3"]"#, 2, "\(table).paths"),
    (#"paths = ["a", '\u0000', "*\U00000000"]"#, 2, "\(table).paths"),
    ("paths = \"\"\"\nlog/\n*\\u0000\n!/public/keys/\n\"\"\"", 4, "\(table).paths"),
    ("paths = \"\"\"log/\\u0000\"\"\"", 2, "\(table).paths"),
    ("paths = [\n  \"a\",\n  \"b\\u0000c\",\n  \"!/public/keys/\",\n]", 4, "\(table).paths"),
    (#"create = ["tmp\U00000000/../../etc"]"#, 2, "\(table).create"),
    (#"paths-file = "list\u0000x""#, 2, "\(table).paths-file"),
    (#"ephemeral-base = "/tmp\u0000x""#, 2, "\(table).ephemeral-base"),
    (#"unknown = { a = "\u0000" }"#, 2, "\(table).unknown"),
    (#""pa\u0000ths" = ["x"]"#, 2, "\(table).\"pa\u{0}ths\""),
  ])
  func rejectsAnEscapeInTheTable(line: String, number: Int, key: String) {
    let text = "[utility.group-writable]\n\(line)\n"
    #expect(parseProject(text).error == .nulEscape(file: "project.toml", line: number, key: key))
  }

  @Test(arguments: [
    (
      "[utility.\"group-writable\\u0000\"]\npaths = [\"x\"]\n", 1, "utility.\"group-writable\u{0}\""
    ),
    (
      "[\"utility\\u0000x\".group-writable]\npaths = [\"x\"]\n", 1,
      "\"utility\u{0}x\".group-writable"
    ),
    ("utility = { group-writable = { paths = [\"\\u0000\"] } }\n", 1, "utility"),
    ("utility.group-writable.paths = [\"\\u0000\"]\n", 1, "\(table).paths"),
    ("[utility]\ngroup-writable.create = [\"\\u0000\"]\n", 2, "\(table).create"),
  ])
  func rejectsAnEscapeOnTheWayToTheTable(text: String, number: Int, key: String) {
    #expect(parseProject(text).error == .nulEscape(file: "project.toml", line: number, key: key))
  }

  @Test(arguments: [
    (#"paths = ['*\u0000.sqlite3']"#, ProjectSettings.Paths.lines([#"*\u0000.sqlite3"#])),
    (#"paths = ["*\\u0000.sqlite3"]"#, .lines([#"*\u0000.sqlite3"#])),
    ("paths = '''\n*\\u0000\n'''", .text("*\\u0000\n")),
    ("paths = \"\"\"\n*\\\\u0000\n\"\"\"", .text("*\\u0000\n")),
    (#"paths = ["\u0001"]"#, .lines(["\u{1}"])),
  ])
  func readsTextThatOnlyLooksLikeAnEscape(line: String, paths: ProjectSettings.Paths) {
    #expect(parseProject("[utility.group-writable]\n\(line)\n").value??.paths == paths)
  }

  @Test func leavesOtherToolsStringsAlone() throws {
    let text = """
      [tool.other]
      separator = "\\u0000"
      "key\\u0000" = 1

      [utility.group-writable]
      paths = ["log/"]
      """
    let settings = try #require(parseProject(text).value ?? nil)
    #expect(settings.paths == .lines(["log/"]))
  }

  @Test func rendersTheError() {
    let error = ConfigurationError.nulEscape(
      file: "project.toml", line: 4, key: "utility.group-writable.paths")
    #expect(
      rendered(error) == """
        ! Invalid configuration in `project.toml`
        !
        ! A string of the key `utility.group-writable.paths` (line 4) contains a NUL character (a \
        `\\u0000` or `\\U00000000` escape), at which the TOML library would cut it short.
        !
        ! How to fix it:
        ! - Remove the escape: patterns, paths and keys cannot contain a NUL character.

        """)
  }

  @Test func escapesANulInTheKeyItNames() {
    let error = ConfigurationError.nulEscape(
      file: "project.toml", line: nil, key: "utility.group-writable.\"a\u{0}\"")
    #expect(
      rendered(error).contains(
        "! A string of the key `utility.group-writable.\"a\\x00\"` (in table "
          + "`[utility.group-writable]`) contains a NUL character"))
  }
}
