import ChildProcessSupport
import Core
import FileSystem
import Patterns
import Testing

@Suite(.spawnedTOMLParser) struct ConfigurationLoaderTests {
  /// What `project.toml` holds in the opt-in table.
  enum Table: String, CustomTestStringConvertible {
    case absent, present, disabled
    var testDescription: String { "table \(rawValue)" }
    var projectFile: String? {
      switch self {
      case .absent: return nil
      case .present: return "[utility.group-writable]\npaths = [\"log/\"]\n"
      case .disabled: return "[utility.group-writable]\nenabled = false\npaths = [\"log/\"]\n"
      }
    }
  }

  /// The expected outcome of `load`.
  enum Outcome: Equatable {
    case optedIn(patterns: [String], wholeApp: Bool)
    case notOptedIn(String)
    case disabled(String)
    case invalid
  }

  static let notConfigured =
    "Not opted in: add a `[utility.group-writable]` table to `project.toml`, set "
    + "`BP_GROUP_WRITABLE_PATHS`, or set `BP_GROUP_WRITABLE=true` to make the whole app "
    + "group-writable."
  static let tableDisabled =
    "Not opted in: `project.toml` sets `enabled = false` in `[utility.group-writable]`; remove "
    + "it or set `BP_GROUP_WRITABLE=true` to opt in."
  static let environmentDisabled =
    "Disabled by `BP_GROUP_WRITABLE=false`; unset it or set it to `true` to opt in."

  static let decisions: [(Table, String?, String?, Outcome)] = [
    (.absent, nil, nil, .notOptedIn(notConfigured)),
    (.absent, nil, "tmp/", .optedIn(patterns: ["tmp/"], wholeApp: false)),
    (.absent, "true", nil, .optedIn(patterns: [], wholeApp: true)),
    (.absent, "true", "tmp/", .optedIn(patterns: ["tmp/"], wholeApp: false)),
    (.absent, "false", nil, .disabled(environmentDisabled)),
    (.absent, "false", "tmp/", .disabled(environmentDisabled)),
    (.absent, "maybe", nil, .invalid),
    (.absent, "maybe", "tmp/", .invalid),
    (.present, nil, nil, .optedIn(patterns: ["log/"], wholeApp: false)),
    (.present, nil, "tmp/", .optedIn(patterns: ["log/", "tmp/"], wholeApp: false)),
    (.present, "true", nil, .optedIn(patterns: ["log/"], wholeApp: false)),
    (.present, "true", "tmp/", .optedIn(patterns: ["log/", "tmp/"], wholeApp: false)),
    (.present, "false", nil, .disabled(environmentDisabled)),
    (.present, "false", "tmp/", .disabled(environmentDisabled)),
    (.present, "maybe", nil, .invalid),
    (.present, "maybe", "tmp/", .invalid),
    (.disabled, nil, nil, .notOptedIn(tableDisabled)),
    (.disabled, nil, "tmp/", .optedIn(patterns: ["log/", "tmp/"], wholeApp: false)),
    (.disabled, "true", nil, .optedIn(patterns: ["log/"], wholeApp: false)),
    (.disabled, "true", "tmp/", .optedIn(patterns: ["log/", "tmp/"], wholeApp: false)),
    (.disabled, "false", nil, .disabled(environmentDisabled)),
    (.disabled, "false", "tmp/", .disabled(environmentDisabled)),
    (.disabled, "maybe", nil, .invalid),
    (.disabled, "maybe", "tmp/", .invalid),
  ]

  @Test(arguments: decisions)
  func decidesOptIn(table: Table, enabled: String?, paths: String?, expected: Outcome) {
    var environment: [String: String] = [:]
    environment["BP_GROUP_WRITABLE"] = enabled
    environment["BP_GROUP_WRITABLE_PATHS"] = paths
    let files = FakeAppFiles(files: table.projectFile.map { ["project.toml": $0] } ?? [:])
    let outcome: Outcome
    switch loadDecision(files, environment) {
    case .success(.optedIn(let configuration)):
      outcome = .optedIn(
        patterns: configuration.patterns.map(\.displayText), wholeApp: configuration.wholeApp)
    case .success(.notOptedIn(.disabledByEnvironment(let value))):
      outcome = .disabled(OptOutReason.disabledByEnvironment(value: value).sentence)
    case .success(.notOptedIn(let reason)): outcome = .notOptedIn(reason.sentence)
    case .failure: outcome = .invalid
    }
    #expect(outcome == expected)
    if enabled == "false" { #expect(files.reads.isEmpty) }
  }

  @Test func quotesTheFalseSpellingInTheReason() {
    let result = loadDecision(FakeAppFiles(), ["BP_GROUP_WRITABLE": " NO "])
    guard case .success(.notOptedIn(let reason)) = result, case .disabledByEnvironment = reason
    else {
      Issue.record("expected disabled, got \(result)")
      return
    }
    #expect(
      reason.sentence
        == "Disabled by `BP_GROUP_WRITABLE= NO `; unset it or set it to `true` to opt in.")
  }

  // MARK: - Resolution

  @Test func concatenatesSourcesInOrderWithOrigins() throws {
    let files = FakeAppFiles(files: [
      "project.toml": """
      [utility.group-writable]
      paths = \"\"\"
      log/

      # comment
      !log/keep
      \"\"\"
      paths-file = "config/writable"
      """,
      "config/writable": "tmp/\n\n*.sock\n",
    ])
    let result = loadDecision(files, ["BP_GROUP_WRITABLE_PATHS": "public/uploads/,cache/"])
    let configuration = try #require(optedInConfiguration(result))
    #expect(
      configuration.patterns.map(\.displayText)
        == ["log/", "!log/keep", "tmp/", "*.sock", "public/uploads/", "cache/"])
    #expect(
      configuration.patterns.map(\.origin) == [
        PatternOrigin(source: "project.toml paths", line: 1),
        PatternOrigin(source: "project.toml paths", line: 4),
        PatternOrigin(source: "config/writable", line: 1),
        PatternOrigin(source: "config/writable", line: 3),
        PatternOrigin(source: "BP_GROUP_WRITABLE_PATHS", line: 1),
        PatternOrigin(source: "BP_GROUP_WRITABLE_PATHS", line: 2),
      ])
    #expect(
      configuration.sources == [
        .projectTable(file: "project.toml"), .pathsFile(path: "config/writable"),
        .environmentPaths,
      ])
    #expect(
      configuration.sources.map(\.logText) == [
        "`project.toml` table `[utility.group-writable]`", "paths file `config/writable`",
        "`BP_GROUP_WRITABLE_PATHS`",
      ])
    #expect(configuration.warnings.isEmpty)
    #expect(
      !configuration.wholeApp && !configuration.policy.setsGroupIDOnDirectories
        && !configuration.debug)
    #expect(files.reads == ["project.toml", "config/writable"])
  }

  @Test func numbersArrayPathsByElement() throws {
    let files = FakeAppFiles(files: [
      "project.toml": "[utility.group-writable]\npaths = [\"a\", \"# no\", \"\", \"b/\"]\n"
    ])
    let configuration = try #require(optedInConfiguration(loadDecision(files)))
    #expect(configuration.patterns.map(\.displayText) == ["a", "b/"])
    #expect(configuration.patterns.map(\.origin.line) == [1, 4])
    #expect(configuration.patterns.allSatisfy { $0.origin.source == "project.toml paths" })
  }

  @Test func passesCreateSetgidDebugAndWarnings() throws {
    let files = FakeAppFiles(files: [
      "project.toml": """
      [utility.group-writable]
      create = ["tmp/cache"]
      setgid = true
      pahts = "x"
      """
    ])
    let configuration = try #require(
      optedInConfiguration(loadDecision(files, ["BP_LOG_LEVEL": "debug"])))
    #expect(configuration.create == ["tmp/cache"])
    #expect(configuration.policy.setsGroupIDOnDirectories)
    #expect(configuration.debug)
    #expect(configuration.patterns.isEmpty)
    #expect(!configuration.wholeApp)
    #expect(
      configuration.warnings == [
        .unknownKey(file: "project.toml", key: "pahts", line: 4, suggestion: .paths)
      ])
  }

  // MARK: - Whole-app mode

  @Test func selectsTheWholeAppWhenEnabledWithoutPatterns() throws {
    let configuration = try #require(
      optedInConfiguration(loadDecision(FakeAppFiles(), ["BP_GROUP_WRITABLE": "1"])))
    #expect(configuration.wholeApp)
    #expect(configuration.patterns.isEmpty && configuration.create.isEmpty)
    #expect(configuration.sources == [.environmentWholeApp])
    #expect(
      configuration.sources.map(\.logText) == [
        "`BP_GROUP_WRITABLE=true` (whole app directory)"
      ])
    #expect(configuration.warnings.isEmpty)
  }

  @Test func keepsTheTableSettingsInWholeAppMode() throws {
    let files = FakeAppFiles(files: [
      "project.toml": "[utility.group-writable]\nenabled = false\nsetgid = true\n"
    ])
    let configuration = try #require(
      optedInConfiguration(loadDecision(files, ["BP_GROUP_WRITABLE": "yes"])))
    #expect(configuration.wholeApp)
    #expect(configuration.policy.setsGroupIDOnDirectories)
    #expect(configuration.sources == [.projectTable(file: "project.toml"), .environmentWholeApp])
  }

  @Test(arguments: [
    "[utility.group-writable]\ncreate = [\"tmp\"]\n",
    "[utility.group-writable]\npaths = []\n",
    "[utility.group-writable]\npaths = \"# only a comment\"\n",
  ])
  func isNotWholeAppWhenAnythingIsConfigured(projectFile: String) throws {
    let files = FakeAppFiles(files: ["project.toml": projectFile])
    let configuration = try #require(
      optedInConfiguration(loadDecision(files, ["BP_GROUP_WRITABLE": "true"])))
    #expect(!configuration.wholeApp)
    #expect(configuration.sources.last == .environmentEnabled)
    #expect(configuration.sources.last?.logText == "`BP_GROUP_WRITABLE=true`")
  }

  @Test func warnsWhenNothingIsSelected() throws {
    let files = FakeAppFiles(files: ["project.toml": "[utility.group-writable]\npaths = []\n"])
    let configuration = try #require(optedInConfiguration(loadDecision(files)))
    #expect(configuration.warnings == [.nothingSelected])
    #expect(!configuration.wholeApp)
  }

  @Test func doesNotWarnWhenOnlyCreateIsConfigured() throws {
    let files = FakeAppFiles(files: ["project.toml": "[utility.group-writable]\ncreate = [\"x\"]\n"]
    )
    let configuration = try #require(optedInConfiguration(loadDecision(files)))
    #expect(configuration.warnings.isEmpty)
  }
}
