import Core
import Patterns
import Testing

@Suite struct ConfigurationEnvironmentTests {
  /// The settings for `environment`, or the error.
  func settings(_ environment: [String: String]) -> Result<EnvironmentSettings, ConfigurationError>
  {
    do {
      return .success(try EnvironmentSettings(environment: environment))
    } catch {
      return .failure(error)
    }
  }

  @Test(arguments: [
    ("true", true), ("TRUE", true), ("True", true), ("1", true), ("yes", true), ("YES", true),
    (" yes ", true), ("\ttrue\n", true),
    ("false", false), ("FALSE", false), ("0", false), ("no", false), ("No", false),
    ("  0\n", false),
  ])
  func acceptsBooleanSpellings(value: String, enabled: Bool) {
    let parsed = settings(["BP_GROUP_WRITABLE": value]).value
    #expect(parsed?.enabled == enabled)
    #expect(parsed?.enabledValue == value)
  }

  @Test(arguments: ["", "  ", "\n"])
  func treatsABlankValueAsUnset(value: String) {
    #expect(settings(["BP_GROUP_WRITABLE": value]).value?.enabled == nil)
  }

  @Test(arguments: ["maybe", "2", "on", "off", "t", "yess", "true false"])
  func rejectsOtherValues(value: String) {
    #expect(
      settings(["BP_GROUP_WRITABLE": value]).error
        == .invalidEnvironmentBoolean(variable: .enabled, value: value))
  }

  @Test func rendersTheInvalidValueError() {
    #expect(
      rendered(.invalidEnvironmentBoolean(variable: .enabled, value: "on\n")) == """
        ! Invalid value for `BP_GROUP_WRITABLE`
        !
        ! The environment variable `BP_GROUP_WRITABLE` is set to `on\\n`, which is not a boolean.
        !
        ! How to fix it:
        ! - Set `BP_GROUP_WRITABLE` to `true` or `false` (`1`/`0` and `yes`/`no` are accepted \
        too, in any case), or unset it.

        """)
  }

  @Test(arguments: [
    ("DEBUG", true), ("debug", true), (" Debug\n", true), ("INFO", false), ("", false),
  ])
  func readsTheLogLevel(value: String, debug: Bool) {
    #expect(settings(["BP_LOG_LEVEL": value]).value?.debug == debug)
  }

  @Test func defaultsWhenNothingIsSet() {
    let parsed = settings(["PATH": "/usr/bin"]).value
    #expect(parsed?.enabled == nil)
    #expect(parsed?.enabledValue == nil)
    #expect(parsed?.paths == nil)
    #expect(parsed?.debug == false)
  }

  @Test(arguments: ["", " ", "\n\t"])
  func treatsBlankPathsAsUnset(value: String) {
    #expect(settings(["BP_GROUP_WRITABLE_PATHS": value]).value?.paths == nil)
  }

  @Test(arguments: [
    ("a,b", ["a", "b"]),
    ("a", ["a"]),
    (#"a\,b"#, ["a,b"]),
    (#"a\\,b"#, [#"a\,b"#]),
    (#"a\b,c\"#, [#"a\b"#, #"c\"#]),
    ("a, b,\tc", ["a", "b", "c"]),
    ("a ,b ", ["a ", "b "]),
    (#"\ a"#, [#"\ a"#]),
    ("a,,b,", ["a", "", "b", ""]),
    (",", ["", ""]),
    ("", [""]),
  ])
  func splitsOnUnescapedCommas(value: String, items: [String]) {
    let split = EnvironmentList.commaSeparatedItems(Array(value.utf8))
    #expect(split.map { String(decoding: $0, as: UTF8.self) } == items)
  }

  @Test func numbersCommaSeparatedPatternsByItem() {
    let parsed = settings(["BP_GROUP_WRITABLE_PATHS": "log/, ,# not a comment?,!log/keep,tmp\\,x"])
    let patterns = parsed.value?.patterns() ?? []
    #expect(patterns.map(\.displayText) == ["log/", "!log/keep", "tmp,x"])
    #expect(
      patterns.map(\.origin) == [
        PatternOrigin(source: "BP_GROUP_WRITABLE_PATHS", line: 1),
        PatternOrigin(source: "BP_GROUP_WRITABLE_PATHS", line: 4),
        PatternOrigin(source: "BP_GROUP_WRITABLE_PATHS", line: 5),
      ])
  }

  @Test func splitsOnNewlinesOnlyWhenThereAreAny() {
    let parsed = settings(["BP_GROUP_WRITABLE_PATHS": "a,b\n\n c\\,d\n# comment\ne"])
    let patterns = parsed.value?.patterns() ?? []
    #expect(patterns.map(\.bytes) == [Array("a,b".utf8), Array(#" c\,d"#.utf8), Array("e".utf8)])
    #expect(patterns.map(\.origin.line) == [1, 3, 5])
    #expect(patterns.allSatisfy { $0.origin.source == "BP_GROUP_WRITABLE_PATHS" })
  }

  @Test func hasNoPatternsWhenUnset() {
    #expect(settings([:]).value?.patterns().isEmpty == true)
  }
}
