import ChildProcessSupport
import Core
import Patterns
import Testing

/// Each `project.toml` key's environment variable and the one precedence rule.
@Suite(.spawnedTOMLParser) struct ConfigurationVariablesTests {
  /// The value a boolean variable controls in a configuration.
  static func flag(_ variable: EnvironmentVariable, in configuration: Configuration) -> Bool? {
    switch variable {
    case .setgid: return configuration.policy.setsGroupIDOnDirectories
    case .keepWorldWritable: return configuration.policy.keepsWorldWrite
    case .exclusive: return configuration.policy.removesGroupWriteOutside
    case .sqliteDirectories: return configuration.policy.opensDatabaseDirectories
    case .audit: return configuration.audit
    default: return nil
    }
  }

  /// The code's default of each boolean.
  static func defaultValue(_ variable: EnvironmentVariable) -> Bool? {
    flag(variable, in: Configuration())
  }

  /// The key (nil: absent), the variable's value (nil: unset) and which wins (nil: the default).
  static let precedence: [(Bool?, String?, Bool?)] = [
    (nil, nil, nil),
    (true, nil, true), (false, nil, false),
    (nil, "true", true), (nil, "FALSE", false), (nil, " 1\n", true), (nil, "No", false),
    (true, "false", false), (false, "YES", true), (true, "0", false), (false, "True", true),
    (true, " ", true),
  ]

  @Test(arguments: EnvironmentSettings.flagVariables, precedence)
  func aVariableWinsOverItsKey(
    variable: EnvironmentVariable, row: (key: Bool?, value: String?, expected: Bool?)
  ) throws {
    let key = try #require(variable.projectKey)
    var lines = ["paths = [\"log/\"]"]
    if let flag = row.key { lines.append("\(key.rawValue) = \(flag)") }
    var environment: [String: String] = [:]
    environment[variable.name] = row.value
    let files = ["project.toml": "[utility.group-writable]\n" + lines.joined(separator: "\n")]
    let configuration = try #require(configured(files, environment))
    #expect(Self.flag(variable, in: configuration) == (row.expected ?? Self.defaultValue(variable)))
    let named = configuration.sources.contains { source in
      if case .environmentValue(variable, _) = source { return true }
      return false
    }
    let isSet = row.value.map { value in value.contains { !" \t\n\r".contains($0) } } ?? false
    #expect(named == isSet)
  }

  @Test(arguments: EnvironmentSettings.flagVariables)
  func namesTheVariableOfAnInvalidBoolean(variable: EnvironmentVariable) {
    #expect(
      decide(table("paths = []"), [variable.name: "on"]).error
        == .invalidEnvironmentBoolean(variable: variable, value: "on"))
  }

  @Test func rendersAnInvalidBooleanOfANewVariable() {
    #expect(
      rendered(.invalidEnvironmentBoolean(variable: .exclusive, value: "maybe")) == """
        ! Invalid value for `BP_GROUP_WRITABLE_EXCLUSIVE`
        !
        ! The environment variable `BP_GROUP_WRITABLE_EXCLUSIVE` is set to `maybe`, which is not \
        a boolean.
        !
        ! How to fix it:
        ! - Set `BP_GROUP_WRITABLE_EXCLUSIVE` to `true` or `false` (`1`/`0` and `yes`/`no` are \
        accepted too, in any case), or unset it.

        """)
  }

  @Test(arguments: [
    ("keep-world-writable = true", ProjectSettings(keepWorldWritable: true)),
    ("exclusive = true", ProjectSettings(exclusive: true)),
    ("sqlite-directories = false", ProjectSettings(sqliteDirectories: false)),
    ("audit = false", ProjectSettings(audit: false)),
  ])
  func readsTheNewBooleanKeys(line: String, expected: ProjectSettings) {
    #expect(parseProject("[utility.group-writable]\n\(line)\n").value == expected)
  }

  @Test(arguments: [
    ProjectSettingKey.keepWorldWritable, .exclusive, .sqliteDirectories, .audit,
  ])
  func rejectsANonBooleanKey(key: ProjectSettingKey) throws {
    let error = try #require(
      parseProject("[utility.group-writable]\n\(key.rawValue) = \"yes\"\n").error)
    #expect(
      error
        == .wrongType(
          file: "project.toml", key: key, element: nil, expected: .boolean, found: .string,
          line: 2))
    #expect(
      rendered(error).contains("! - Write `\(key.rawValue) = true` or `\(key.rawValue) = false`.\n")
    )
  }

  @Test func logsEveryVariableThatSetSomething() throws {
    let environment = [
      "BP_GROUP_WRITABLE_PATHS": "log/", "BP_GROUP_WRITABLE_CREATE": "tmp",
      "BP_GROUP_WRITABLE_EPHEMERAL": "run", "BP_GROUP_WRITABLE_EPHEMERAL_BASE": "/var/tmp/app",
      "BP_GROUP_WRITABLE_SETGID": "yes", "BP_GROUP_WRITABLE_AUDIT": "0",
      "BP_GROUP_WRITABLE_KEEP_WORLD_WRITABLE": "true", "BP_GROUP_WRITABLE_EXCLUSIVE": "false",
      "BP_GROUP_WRITABLE_SQLITE_DIRECTORIES": "no", "BP_GROUP_WRITABLE": "true",
    ]
    let configuration = try #require(configured([:], environment))
    #expect(
      configuration.sources.map(\.logText) == [
        "`BP_GROUP_WRITABLE_PATHS`", "`BP_GROUP_WRITABLE_CREATE`", "`BP_GROUP_WRITABLE_EPHEMERAL`",
        "`BP_GROUP_WRITABLE_EPHEMERAL_BASE=/var/tmp/app`", "`BP_GROUP_WRITABLE_SETGID=true`",
        "`BP_GROUP_WRITABLE_KEEP_WORLD_WRITABLE=true`", "`BP_GROUP_WRITABLE_EXCLUSIVE=false`",
        "`BP_GROUP_WRITABLE_SQLITE_DIRECTORIES=false`", "`BP_GROUP_WRITABLE_AUDIT=false`",
        "`BP_GROUP_WRITABLE=true`",
      ])
    #expect(configuration.create == ["tmp"] && configuration.ephemeral == ["run"])
    #expect(configuration.ephemeralBase == "/var/tmp/app")
    #expect(
      configuration.policy
        == ModePolicy(
          setsGroupIDOnDirectories: true, keepsWorldWrite: true, removesGroupWriteOutside: false,
          opensDatabaseDirectories: false))
    #expect(!configuration.audit && !configuration.wholeApp && configuration.warnings.isEmpty)
  }

  // MARK: - Opting in

  /// The environment (with no `project.toml`) and whether it opts in.
  static let optIn: [([String: String], Bool)] = [
    (["BP_GROUP_WRITABLE_PATHS": "log/"], true),
    (["BP_GROUP_WRITABLE_CREATE": "tmp/pids"], true),
    (["BP_GROUP_WRITABLE": "true"], true),
    (["BP_GROUP_WRITABLE_PATHS_FILE": "list"], false),
    (["BP_GROUP_WRITABLE_EPHEMERAL": "tmp"], false),
    (["BP_GROUP_WRITABLE_EPHEMERAL_BASE": "/tmp/x"], false),
    (["BP_GROUP_WRITABLE_SETGID": "true", "BP_GROUP_WRITABLE_EXCLUSIVE": "true"], false),
    (["BP_GROUP_WRITABLE_AUDIT": "true", "BP_LOG_LEVEL": "debug"], false),
    (["BP_GROUP_WRITABLE_CREATE": "tmp", "BP_GROUP_WRITABLE": "false"], false),
  ]

  @Test(arguments: optIn)
  func optsInOnlyAsDocumented(environment: [String: String], optsIn: Bool) {
    let files = FakeAppFiles(files: ["list": "log/\n"])
    let decision = try? ConfigurationLoader(app: files).load(environment: environment)
    if case .optedIn = decision { #expect(optsIn) } else { #expect(!optsIn) }
    if !optsIn { #expect(!files.reads.contains("list")) }
  }

  @Test func turnsOffBeforeCheckingTheOtherVariables() {
    let environment = ["BP_GROUP_WRITABLE": "no", "BP_GROUP_WRITABLE_SETGID": "maybe"]
    guard case .success(.notOptedIn(.disabledByEnvironment("no"))) = decide(table(), environment)
    else {
      Issue.record("expected the buildpack to be off")
      return
    }
  }

  @Test func createFromTheEnvironmentAddsAfterTheKey() throws {
    let files = table("create = [\"tmp\", \"log\"]")
    let configuration = try #require(
      configured(files, ["BP_GROUP_WRITABLE_CREATE": "log\n ./tmp/cache/ \n\n"]))
    #expect(configuration.create == ["tmp", "log", "tmp/cache"])
    #expect(
      configuration.sources == [.projectTable(file: "project.toml"), .environmentList(.create)])
    #expect(configuration.warnings.isEmpty)
  }

  @Test func createFromTheEnvironmentSplitsOnCommas() throws {
    let configuration = try #require(
      configured([:], ["BP_GROUP_WRITABLE_CREATE": "tmp/pids, log,,a\\,b"]))
    #expect(configuration.create == ["tmp/pids", "log", "a,b"])
    #expect(!configuration.wholeApp)
  }

  @Test func rendersAnInvalidCreateItem() throws {
    let error = try #require(decide([:], ["BP_GROUP_WRITABLE_CREATE": "tmp,/etc"]).error)
    #expect(
      error
        == .invalidDirectory(
          source: .variable(.create), element: 2, value: "/etc", problem: .absolute))
    #expect(
      rendered(error) == """
        ! Invalid value for `BP_GROUP_WRITABLE_CREATE`
        !
        ! Item 2 of `BP_GROUP_WRITABLE_CREATE` is `/etc`, an absolute path.
        !
        ! Directories to create must be relative to the app directory and stay inside it.
        !
        ! How to fix it:
        ! - Write a directory path relative to the app directory, such as \
        `BP_GROUP_WRITABLE_CREATE=tmp/cache,log`.

        """)
  }

  // MARK: - Paths file

  @Test func thePathsFileVariableReplacesTheKey() throws {
    let files = FakeAppFiles(files: [
      "project.toml": "[utility.group-writable]\npaths = [\"a\"]\npaths-file = \"key-list\"\n",
      "key-list": "b\n", "env-list": "c\n",
    ])
    let decision = try ConfigurationLoader(app: files).load(environment: [
      "BP_GROUP_WRITABLE_PATHS_FILE": "env-list\n", "BP_GROUP_WRITABLE_PATHS": "d",
    ])
    guard case .optedIn(let configuration) = decision else {
      Issue.record("expected opted in")
      return
    }
    #expect(configuration.patterns.map(\.displayText) == ["a", "c", "d"])
    #expect(
      configuration.patterns.map(\.origin.source)
        == ["project.toml paths", "env-list", "BP_GROUP_WRITABLE_PATHS"])
    #expect(files.reads == ["project.toml", "env-list"])
    #expect(
      configuration.sources.map(\.logText) == [
        "`project.toml` table `[utility.group-writable]`",
        "paths file `env-list` (`BP_GROUP_WRITABLE_PATHS_FILE`)", "`BP_GROUP_WRITABLE_PATHS`",
      ])
  }

  @Test func rendersAnUnreadablePathsFileNamedByTheVariable() throws {
    let environment = ["BP_GROUP_WRITABLE_PATHS_FILE": "missing", "BP_GROUP_WRITABLE": "true"]
    let error = try #require(decide([:], environment).error)
    #expect(
      error
        == .pathsFileUnreadable(
          path: "missing", source: .variable(.pathsFile), cause: .notFound(path: "missing")))
    #expect(
      rendered(error) == """
        ! Cannot read the paths file `missing`
        !
        ! `BP_GROUP_WRITABLE_PATHS_FILE` names the paths file `missing`.
        !
        ! `missing` does not exist in the app directory.
        !
        ! How to fix it:
        ! - Create the file, or correct the path: it is relative to the app directory.

        """)
  }

  @Test func aPathsFileFromTheVariableIsNotTheWholeApp() throws {
    let files = ["list": "# nothing yet\n"]
    let environment = ["BP_GROUP_WRITABLE_PATHS_FILE": "list", "BP_GROUP_WRITABLE": "true"]
    let configuration = try #require(configured(files, environment))
    #expect(!configuration.wholeApp)
    #expect(configuration.warnings == [.nothingSelected])
  }
}
