import ChildProcessSupport
import Core
import Patterns
import Testing

/// `ephemeral` and `ephemeral-base`, from `project.toml` and the environment.
@Suite(.spawnedTOMLParser) struct ConfigurationEphemeralSettingsTests {
  @Test func readsBothKeysAndAddsTheVariablesEntries() throws {
    let files = table(
      "paths = [\"log/\"]", "ephemeral = [\"tmp\", \"./var//run/\", \"tmp\"]",
      "ephemeral-base = \"/run/app\"")
    #expect(
      parseProject(files["project.toml"] ?? "").value??.ephemeral == ["tmp", "var/run"])
    let configuration = try #require(
      configured(files, ["BP_GROUP_WRITABLE_EPHEMERAL": "cache,var/run"]))
    #expect(configuration.ephemeral == ["tmp", "var/run", "cache"])
    #expect(configuration.ephemeralBase == "/run/app")
    #expect(configuration.sources.last == .environmentList(.ephemeral))
  }

  @Test func ephemeralDirectoriesAloneAreSomethingToDo() throws {
    let configuration = try #require(configured(table("ephemeral = [\"tmp\"]")))
    #expect(configuration.warnings.isEmpty)
    #expect(!configuration.wholeApp)
  }

  @Test func defaultsToNoEphemeralDirectoriesBelowTmp() throws {
    let configuration = try #require(configured(table("paths = [\"log/\"]")))
    #expect(configuration.ephemeral.isEmpty)
    #expect(configuration.ephemeralBase == "/tmp/group-writable")
  }

  @Test func theBaseVariableWinsOverTheKey() throws {
    let files = table("paths = []", "ephemeral-base = \"/run/app\"")
    let configuration = try #require(
      configured(files, ["BP_GROUP_WRITABLE_EPHEMERAL_BASE": " /mnt/scratch\n"]))
    #expect(configuration.ephemeralBase == "/mnt/scratch")
    #expect(
      configuration.sources.map(\.logText).contains(
        "`BP_GROUP_WRITABLE_EPHEMERAL_BASE=/mnt/scratch`"))
  }

  @Test(arguments: [
    ("", EphemeralBase.Problem.empty),
    ("tmp/x", .notAbsolute),
    ("/", .root),
    ("/tmp/../etc", .parentComponent),
    ("/tmp//x", .notNormalised),
    ("/tmp/./x", .notNormalised),
    ("/tmp/x/", .notNormalised),
    ("/" + String(repeating: "a", count: 200), .tooLong(limit: 200)),
  ])
  func rejectsAnUnusableBase(value: String, problem: EphemeralBase.Problem) {
    #expect(throws: problem) { try EphemeralBase.check(value) }
  }

  @Test(arguments: ["/tmp/group-writable", "/a", "/" + String(repeating: "a", count: 199)])
  func acceptsAUsableBase(value: String) throws {
    #expect(try EphemeralBase.check(value) == value)
  }

  @Test func rendersAnUnusableBaseKey() throws {
    let error = try #require(
      parseProject("[utility.group-writable]\nephemeral-base = \"run\"\n").error)
    #expect(
      error
        == .invalidEphemeralBase(
          source: .key(.ephemeralBase, file: "project.toml", line: 2), value: "run",
          problem: .notAbsolute))
    #expect(
      rendered(error) == """
        ! Invalid configuration in `project.toml`
        !
        ! The key `utility.group-writable.ephemeral-base` (line 2) is `run`, which is not an \
        absolute path.
        !
        ! The ephemeral directories live below it at run time: it must be an absolute, \
        normalised path other than `/`, of at most 200 bytes.
        !
        ! How to fix it:
        ! - Write an absolute directory such as `/tmp/group-writable` (the default), or remove \
        the setting.

        """)
  }

  @Test(arguments: [
    ("/", "is `/`, the root directory"),
    (
      "/tmp/",
      "is `/tmp/`, which is not normalised (it has an empty or `.` component, or ends with `/`)"
    ),
    ("/a/../b", "is `/a/../b`, which has a `..` component"),
    (
      "/" + String(repeating: "x", count: 250),
      "is 251 bytes long, more than the limit of 200 bytes"
    ),
  ])
  func rendersAnUnusableBaseVariable(value: String, problem: String) throws {
    let error = try #require(
      decide(table("paths = []"), ["BP_GROUP_WRITABLE_EPHEMERAL_BASE": value]).error)
    #expect(
      rendered(error) == """
        ! Invalid value for `BP_GROUP_WRITABLE_EPHEMERAL_BASE`
        !
        ! `BP_GROUP_WRITABLE_EPHEMERAL_BASE` \(problem).
        !
        ! The ephemeral directories live below it at run time: it must be an absolute, \
        normalised path other than `/`, of at most 200 bytes.
        !
        ! How to fix it:
        ! - Write an absolute directory such as `/tmp/group-writable` (the default), or remove \
        the setting.

        """)
  }

  @Test(arguments: [
    ("\"..\"", RelativePath.Problem.parentComponent, ".."),
    ("\"/tmp\"", .absolute, "/tmp"),
    ("\".\"", .appDirectory, "."),
  ])
  func validatesEphemeralEntriesLikeCreate(
    entry: String, problem: RelativePath.Problem, value: String
  ) {
    #expect(
      parseProject("[utility.group-writable]\nephemeral = [\"ok\", \(entry)]\n").error
        == .invalidDirectory(
          source: .key(.ephemeral, file: "project.toml", line: 2), element: 2, value: value,
          problem: problem))
  }

  @Test(arguments: [".group-writable", ".group-writable/ephemeral/tmp"])
  func refusesAnEntryInTheBuildpacksOwnDirectory(entry: String) {
    #expect(
      parseProject("[utility.group-writable]\nephemeral = [\"tmp\", \"\(entry)\"]\n").error
        == .ephemeralInBuildpackDirectory(
          source: .key(.ephemeral, file: "project.toml", line: 2), element: 2, value: entry))
    #expect(
      decide(table("paths = []"), ["BP_GROUP_WRITABLE_EPHEMERAL": "tmp,\(entry)"]).error
        == .ephemeralInBuildpackDirectory(source: .variable(.ephemeral), element: 2, value: entry))
  }

  @Test func rendersAnEntryInTheBuildpacksOwnDirectory() {
    let error = ConfigurationError.ephemeralInBuildpackDirectory(
      source: .key(.ephemeral, file: "project.toml", line: 3), element: 2,
      value: ".group-writable/ephemeral/tmp")
    #expect(
      rendered(error) == """
        ! Invalid configuration in `project.toml`
        !
        ! Element 2 of the key `utility.group-writable.ephemeral` (line 3) is \
        `.group-writable/ephemeral/tmp`, inside `.group-writable/`, where the build keeps what the \
        `ephemeral` directories held at build time: that directory would come up empty, or lose its \
        contents, at start.
        !
        ! How to fix it:
        ! - Name the app's own directory in `ephemeral` (such as `tmp`), not its copy under `.group-writable/`.

        """)
  }

  @Test func rendersAnInvalidEphemeralEntry() {
    let error = ConfigurationError.invalidDirectory(
      source: .key(.ephemeral, file: "project.toml", line: 3), element: 1, value: ".",
      problem: .appDirectory)
    #expect(
      rendered(error) == """
        ! Invalid configuration in `project.toml`
        !
        ! Element 1 of the key `utility.group-writable.ephemeral` (line 3) is `.`, which names \
        the app directory itself.
        !
        ! Ephemeral directories must be relative to the app directory and stay inside it.
        !
        ! How to fix it:
        ! - Write a directory path relative to the app directory, such as `ephemeral = ["tmp"]`.

        """)
  }

  @Test(arguments: [
    (["ephemeral = [\"tmp\", \"log\", \"tmp/cache\"]"], nil as String?, "tmp/cache", "tmp"),
    (["ephemeral = [\"tmp/cache\", \"log\"]"], "tmp", "tmp/cache", "tmp"),
    (["ephemeral = [\"log\"]"], "a/b/c,a", "a/b/c", "a"),
  ])
  func rejectsNestedEphemeralDirectories(
    lines: [String], variable: String?, inner: String, outer: String
  ) throws {
    var environment: [String: String] = [:]
    environment["BP_GROUP_WRITABLE_EPHEMERAL"] = variable
    let error = try #require(
      decide(
        ["project.toml": (["[utility.group-writable]"] + lines).joined(separator: "\n")],
        environment
      )
      .error)
    guard case .nestedEphemeral(let foundInner, _, let foundOuter, _) = error else {
      Issue.record("expected nested ephemeral directories, got \(error)")
      return
    }
    #expect(foundInner == inner && foundOuter == outer)
  }

  @Test(arguments: [["tmp", "tmpx"], ["a/b", "a/bc", "a/b-c", "a/b.c"], ["x", "y/x"]])
  func acceptsSiblingsThatShareAPrefix(entries: [String]) throws {
    let list = entries.map { "\"\($0)\"" }.joined(separator: ", ")
    let configuration = try #require(configured(table("paths = []", "ephemeral = [\(list)]")))
    #expect(configuration.ephemeral.map(\.description) == entries)
  }

  @Test func rendersNestedEphemeralDirectories() throws {
    let files = table("paths = []", "ephemeral = [\"tmp\"]")
    let error = try #require(decide(files, ["BP_GROUP_WRITABLE_EPHEMERAL": "tmp/cache"]).error)
    #expect(
      rendered(error) == """
        ! Nested ephemeral directories
        !
        ! `tmp/cache` (from `BP_GROUP_WRITABLE_EPHEMERAL`) is inside `tmp` (from the key \
        `utility.group-writable.ephemeral` (line 3) in `project.toml`).
        !
        ! Each ephemeral directory becomes one link to a writable place, so none may be inside \
        another.
        !
        ! How to fix it:
        ! - Keep only `tmp`: everything inside it is ephemeral already.

        """)
  }

  @Test(arguments: [
    (
      "ephemeral = \"tmp\"", ProjectSettingKey.ephemeral,
      ConfigurationError.ExpectedValue.stringArray, ConfigurationError.ValueKind.string
    ),
    ("ephemeral-base = 1", .ephemeralBase, .string, .integer),
  ])
  func rejectsWrongTypes(
    line: String, key: ProjectSettingKey, expected: ConfigurationError.ExpectedValue,
    found: ConfigurationError.ValueKind
  ) {
    #expect(
      parseProject("[utility.group-writable]\n\(line)\n").error
        == .wrongType(
          file: "project.toml", key: key, element: nil, expected: expected, found: found, line: 2))
  }

  @Test(arguments: [
    (
      "ephemeral = \"tmp\"",
      "The key `utility.group-writable.ephemeral` (line 2) must be an array of strings, but it is "
        + "a string.",
      "Write the directories as an array of strings, such as `ephemeral = [\"tmp\"]`."
    ),
    (
      "ephemeral = [1]",
      "Element 1 of the key `utility.group-writable.ephemeral` (line 2) must be a string, but it "
        + "is an integer.",
      "Quote each directory, such as `ephemeral = [\"tmp\", \"log\"]`."
    ),
    (
      "ephemeral-base = false",
      "The key `utility.group-writable.ephemeral-base` (line 2) must be a string, but it is a "
        + "boolean.",
      "Write an absolute directory in quotes, such as `ephemeral-base = \"/tmp/group-writable\"`."
    ),
    (
      "exclusive = 1",
      "The key `utility.group-writable.exclusive` (line 2) must be a boolean (true or false), but "
        + "it is an integer.",
      "Write `exclusive = true` or `exclusive = false`."
    ),
  ])
  func rendersWrongTypesOfTheNewKeys(line: String, detail: String, fix: String) throws {
    let error = try #require(parseProject("[utility.group-writable]\n\(line)\n").error)
    #expect(
      rendered(error) == """
        ! Invalid configuration in `project.toml`
        !
        ! \(detail)
        !
        ! How to fix it:
        ! - \(fix)

        """)
  }

  @Test func rendersAnEmptyBaseKey() throws {
    let error = try #require(
      parseProject("[utility.group-writable]\nephemeral-base = \"\"\n").error)
    #expect(
      rendered(error).hasPrefix(
        """
        ! Invalid configuration in `project.toml`
        !
        ! The key `utility.group-writable.ephemeral-base` (line 2) is an empty string.

        """))
  }
}
