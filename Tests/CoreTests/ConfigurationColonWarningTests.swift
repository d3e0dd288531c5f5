import Core
import Testing

/// A list variable written like Paketo's colon-separated `BP_INCLUDE_FILES` is read as one item,
/// with a warning that says so and gives the fix.
@Suite struct ConfigurationColonWarningTests {
  @Test(arguments: [
    ("/tmp/:/log/", ["/tmp/", "/log/"]),
    ("tmp/a:log/b:/c", ["tmp/a", "log/b", "/c"]),
    (" /tmp/ : /log/ ", ["/tmp/", "/log/"]),
  ])
  func findsAColonSeparatedList(value: String, parts: [String]) {
    #expect(EnvironmentList.colonSeparatedParts(value) == parts)
  }

  @Test(arguments: [
    "/tmp/", "/tmp/,/log/", "/tmp/:/log/,x", "/tmp/:/log/\n", "/tmp/:", ":/log/", "a:b",
    "/tmp/:log", "C:/x", "",
  ])
  func leavesOtherValuesAlone(value: String) {
    #expect(EnvironmentList.colonSeparatedParts(value) == nil)
  }

  @Test func warnsAndReadsOnePatternForPaths() throws {
    let configuration = try #require(configured([:], ["BP_GROUP_WRITABLE_PATHS": "/tmp/:/log/"]))
    #expect(configuration.patterns.map(\.displayText) == ["/tmp/:/log/"])
    let warning = try #require(configuration.warnings.first)
    #expect(
      warning
        == .colonSeparatedList(variable: .paths, value: "/tmp/:/log/", parts: ["/tmp/", "/log/"]))
    #expect(warning.diagnostic.severity == .warning)
    #expect(
      rendered(warning) == """
        ! Warning: `BP_GROUP_WRITABLE_PATHS` looks like a colon-separated list
        !
        ! `BP_GROUP_WRITABLE_PATHS` is `/tmp/:/log/`, which was read as one pattern: the \
        variable separates patterns with commas or newlines, not colons.
        !
        ! How to fix it:
        ! - To mean 2 patterns, separate them with commas: `BP_GROUP_WRITABLE_PATHS='/tmp/,/log/'`.

        """)
  }

  @Test(arguments: [EnvironmentVariable.create, .ephemeral])
  func warnsForTheDirectoryLists(variable: EnvironmentVariable) throws {
    let environment = [variable.name: "tmp/pids:log/app", "BP_GROUP_WRITABLE": "true"]
    let configuration = try #require(configured([:], environment))
    let warning = ConfigurationWarning.colonSeparatedList(
      variable: variable, value: "tmp/pids:log/app", parts: ["tmp/pids", "log/app"])
    #expect(configuration.warnings.contains(warning))
    #expect(
      rendered(warning) == """
        ! Warning: `\(variable.name)` looks like a colon-separated list
        !
        ! `\(variable.name)` is `tmp/pids:log/app`, which was read as one directory: the \
        variable separates directories with commas or newlines, not colons.
        !
        ! How to fix it:
        ! - To mean 2 directories, separate them with commas: \
        `\(variable.name)='tmp/pids,log/app'`.

        """)
  }

  @Test func shortensALongValue() {
    let part = "/" + String(repeating: "d", count: 99)
    let value = Array(repeating: part, count: 3).joined(separator: ":")
    let warning = ConfigurationWarning.colonSeparatedList(
      variable: .paths, value: value, parts: Array(repeating: part, count: 3))
    let shown = String(value.prefix(200))
    #expect(
      rendered(warning) == """
        ! Warning: `BP_GROUP_WRITABLE_PATHS` looks like a colon-separated list
        !
        ! `BP_GROUP_WRITABLE_PATHS` is `\(shown)`…, which was read as one pattern: the variable \
        separates patterns with commas or newlines, not colons.
        !
        ! How to fix it:
        ! - To mean 3 patterns, separate them with commas instead of colons.

        """)
  }

  @Test func doesNotWarnForCommasOrNewlines() throws {
    let environment = [
      "BP_GROUP_WRITABLE_PATHS": "/tmp/,/log/:x", "BP_GROUP_WRITABLE_CREATE": "a/b:c/d\n",
    ]
    let configuration = try #require(configured([:], environment))
    #expect(configuration.warnings.isEmpty)
  }
}
