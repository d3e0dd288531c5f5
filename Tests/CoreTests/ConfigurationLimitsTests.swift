import ChildProcessSupport
import Core
import Patterns
import Testing

/// The documented caps on every configuration input, each an error naming the source.
@Suite(.spawnedTOMLParser) struct ConfigurationLimitsTests {
  /// `count` distinct patterns as a TOML array.
  static func array(_ count: Int, prefix: String = "p") -> String {
    "[" + (0..<count).map { "\"\(prefix)\($0)\"" }.joined(separator: ",") + "]"
  }

  /// `count` distinct items separated by commas.
  static func list(_ count: Int, prefix: String = "e") -> String {
    (0..<count).map { "\(prefix)\($0)" }.joined(separator: ",")
  }

  @Test func documentsTheNumbers() {
    #expect(ConfigurationLimits.variableBytes == 1 << 20)
    #expect(ConfigurationLimits.patterns == 10_000)
    #expect(ConfigurationLimits.createDirectories == 1_000)
    #expect(ConfigurationLimits.ephemeralDirectories == 1_000)
    #expect(ConfigurationLimits.patternBytes == 4_096)
    #expect(ConfigurationLimits.unknownKeysListed == 20)
    #expect(ConfigurationLimits.suggestedKeyLength == 64)
  }

  @Test(arguments: EnvironmentVariable.allCases.filter(\.isCapped))
  func capsEveryVariable(variable: EnvironmentVariable) {
    let value = String(repeating: "a", count: (1 << 20) + 1)
    #expect(
      decide([:], [variable.name: value]).error
        == .variableTooLarge(variable: variable, size: (1 << 20) + 1, limit: 1 << 20))
  }

  @Test func rendersAVariableTooLarge() {
    let error = ConfigurationError.variableTooLarge(
      variable: .paths, size: 10_485_760, limit: 1 << 20)
    #expect(
      rendered(error) == """
        ! `BP_GROUP_WRITABLE_PATHS` is too large
        !
        ! The value of `BP_GROUP_WRITABLE_PATHS` is 10 MiB (10485760 bytes), more than the limit \
        of 1 MiB (1048576 bytes).
        !
        ! How to fix it:
        ! - Shorten the value, for example with wildcard or directory patterns instead of one \
        entry per path.

        """)
  }

  /// A hang fails the run by its time limit (scripts/sanitizers names the unfinished test); speed is measured by
  /// benchmarks/run, not here.
  @Test func acceptsAOneMebibytePathsValue() throws {
    let pattern = "/" + String(repeating: "p", count: 100) + "/"
    var value = (0..<9_000).map { "\(pattern)\($0)" }.joined(separator: "\n") + "\n#"
    value += String(repeating: "c", count: (1 << 20) - value.utf8.count)
    #expect(value.utf8.count == 1 << 20)
    let configuration = try #require(configured([:], ["BP_GROUP_WRITABLE_PATHS": value]))
    #expect(configuration.patterns.count == 9_000)
  }

  /// The sources, and the one that goes over 10,000 patterns.
  static let patternCases: [([String], [String: String], SettingSource)] = [
    (["paths = \(array(10_001))"], [:], .key(.paths, file: "project.toml", line: 2)),
    (
      ["paths = \(array(6_000))"], ["BP_GROUP_WRITABLE_PATHS": list(4_001)],
      .variable(.paths)
    ),
    (
      ["paths = \(array(9_999))", "paths-file = \"list\""], [:], .pathsFile(path: "list")
    ),
    (
      ["paths = \(array(9_999))", "create = [\"a\", \"b\"]"], [:],
      .key(.create, file: "project.toml", line: 3)
    ),
    (
      ["paths = \(array(9_999))", "create = [\"a\"]"], ["BP_GROUP_WRITABLE_CREATE": "b"],
      .variable(.create)
    ),
  ]

  @Test(arguments: patternCases)
  func capsThePatternsOfAllSources(
    lines: [String], environment: [String: String], source: SettingSource
  ) {
    var files = ["project.toml": "[utility.group-writable]\n" + lines.joined(separator: "\n")]
    files["list"] = "x\ny\n"
    #expect(decide(files, environment).error == .tooManyPatterns(limit: 10_000, source: source))
  }

  @Test func acceptsTenThousandPatternsCreateIncluded() throws {
    let files = table("paths = \(Self.array(9_999))", "create = [\"a\"]")
    #expect(configured(files)?.patterns.count == 9_999)
  }

  @Test func rendersTooManyPatterns() {
    let error = ConfigurationError.tooManyPatterns(limit: 10_000, source: .pathsFile(path: "list"))
    #expect(
      rendered(error) == """
        ! Too many patterns
        !
        ! The configuration has more than 10,000 patterns in all (`create` directories count as \
        patterns); the paths file `list` went over the limit.
        !
        ! How to fix it:
        ! - Use fewer, broader patterns: a directory pattern such as `/tmp/` covers everything \
        below it, and `*` or `**` cover many names.

        """)
  }

  @Test(arguments: [
    (ProjectSettingKey.create, 1_001, 0, SettingSource.key(.create, file: "project.toml", line: 2)),
    (.create, 600, 401, .variable(.create)),
    (.ephemeral, 1_001, 0, .key(.ephemeral, file: "project.toml", line: 2)),
    (.ephemeral, 1, 1_000, .variable(.ephemeral)),
  ])
  func capsTheDirectoryLists(
    key: ProjectSettingKey, inKey: Int, inVariable: Int, source: SettingSource
  ) {
    let files = table("\(key.rawValue) = \(Self.array(inKey, prefix: "k"))")
    let variable = key == .create ? EnvironmentVariable.create : .ephemeral
    let environment =
      inVariable == 0 ? ["BP_GROUP_WRITABLE": "true"] : [variable.name: Self.list(inVariable)]
    #expect(
      decide(files, environment).error
        == .tooManyDirectories(key: key, limit: 1_000, source: source))
  }

  @Test func countsDuplicatesOnce() throws {
    let files = table("create = \(Self.array(1_000))")
    let environment = ["BP_GROUP_WRITABLE_CREATE": Self.list(1_000, prefix: "p")]
    #expect(configured(files, environment)?.create.count == 1_000)
  }

  @Test(arguments: [ProjectSettingKey.create, .ephemeral])
  func rendersTooManyDirectories(key: ProjectSettingKey) {
    let fix =
      key == .create
      ? "Create fewer directories: a common parent with a pattern that selects it covers "
        + "everything below it."
      : "Make a common parent directory ephemeral instead of many directories inside it."
    let variable = key == .create ? "BP_GROUP_WRITABLE_CREATE" : "BP_GROUP_WRITABLE_EPHEMERAL"
    let error = ConfigurationError.tooManyDirectories(
      key: key, limit: 1_000, source: key == .create ? .variable(.create) : .variable(.ephemeral))
    #expect(
      rendered(error) == """
        ! Too many `\(key.rawValue)` directories
        !
        ! More than 1,000 `\(key.rawValue)` directories are configured; `\(variable)` went over \
        the limit.
        !
        ! How to fix it:
        ! - \(fix)

        """)
  }

  static let long = String(repeating: "a", count: 4_097)

  @Test(arguments: [
    (table("paths = [\"ok\", \"\(long)\"]"), [:] as [String: String], "project.toml paths", 2),
    (table("paths = \"\"\"\nok\n\(long)\n\"\"\""), [:], "project.toml paths", 2),
    ([:], ["BP_GROUP_WRITABLE_PATHS": "ok,\(long)"], "BP_GROUP_WRITABLE_PATHS", 2),
    (table("create = [\"\(long)\"]"), [:], "project.toml create", 1),
    ([:], ["BP_GROUP_WRITABLE_CREATE": "ok\n" + long], "BP_GROUP_WRITABLE_CREATE", 2),
  ])
  func capsEachPattern(
    files: [String: String], environment: [String: String], source: String, line: Int
  ) {
    #expect(
      decide(files, environment).error
        == .patternTooLong(
          origin: PatternOrigin(source: source, line: line), length: 4_097, limit: 4_096))
  }

  @Test func acceptsAPatternOfTheLongestLength() throws {
    let pattern = String(repeating: "a", count: 4_096)
    #expect(configured([:], ["BP_GROUP_WRITABLE_PATHS": pattern])?.patterns.count == 1)
  }

  @Test func rendersAPatternTooLong() {
    let error = ConfigurationError.patternTooLong(
      origin: PatternOrigin(source: "BP_GROUP_WRITABLE_PATHS", line: 3), length: 5_000, limit: 4_096
    )
    #expect(
      rendered(error) == """
        ! Pattern too long
        !
        ! The pattern at `BP_GROUP_WRITABLE_PATHS:3` is 5000 bytes long, more than the limit of \
        4 KiB (4096 bytes).
        !
        ! How to fix it:
        ! - Shorten it, for example with `*` or `**` in place of long names.

        """)
  }
}
