import Core
import Patterns
import Testing

/// The CLI's `--pattern` and `--patterns-file` are held to the build's caps on patterns.
@Suite struct CommandLineConfigurationTests {
  static func options(_ count: Int) -> [String] { (0..<count).map { "p\($0)" } }

  static func file(_ count: Int) -> (path: String, bytes: [UInt8]) {
    ("/tmp/patterns", Array((0..<count).map { "f\($0)\n" }.joined().utf8))
  }

  func error(_ options: [String], _ file: (path: String, bytes: [UInt8])? = nil)
    -> ConfigurationError?
  {
    do {
      _ = try Configuration.commandLine(options: options, file: file, debug: false)
      return nil
    } catch {
      return error
    }
  }

  @Test func keepsThePatternsInOrderWithTheirOriginsAndSources() throws {
    let configuration = try Configuration.commandLine(
      options: ["/tmp/", "#not a comment here", "*.log"], file: ("list", Array("/log/\n".utf8)),
      debug: true)
    #expect(
      configuration.patterns.map { String(decoding: $0.bytes, as: UTF8.self) } == [
        "/tmp/", "*.log", "/log/",
      ])
    #expect(
      configuration.patterns.map { "\($0.origin.source):\($0.origin.line)" } == [
        "--pattern:1", "--pattern:3", "list:1",
      ])
    #expect(
      configuration.sources == [
        .commandLinePatterns(count: 3), .commandLinePatternsFile(path: "list"),
      ])
    #expect(configuration.debug)
    #expect(!configuration.audit)
  }

  @Test func acceptsTenThousandPatternsFromBothOptions() throws {
    let configuration = try Configuration.commandLine(
      options: Self.options(4_000), file: Self.file(6_000), debug: false)
    #expect(configuration.patterns.count == 10_000)
  }

  @Test(arguments: [
    (10_001, 0, SettingSource.commandLine(option: "--pattern", value: nil)),
    (0, 10_001, .commandLine(option: "--patterns-file", value: "/tmp/patterns")),
    (9_999, 2, .commandLine(option: "--patterns-file", value: "/tmp/patterns")),
  ])
  func capsThePatterns(options: Int, inFile: Int, source: SettingSource) {
    let file = inFile == 0 ? nil : Self.file(inFile)
    #expect(error(Self.options(options), file) == .tooManyPatterns(limit: 10_000, source: source))
  }

  @Test func capsEachPatternsLength() {
    let long = String(repeating: "a", count: 4_097)
    #expect(
      error(["ok", long])
        == .patternTooLong(
          origin: PatternOrigin(source: "--pattern", line: 2), length: 4_097, limit: 4_096))
  }

  @Test(arguments: [
    (
      SettingSource.commandLine(option: "--pattern", value: nil),
      "patterns); the `--pattern` options went over the limit."
    ),
    (
      .commandLine(option: "--patterns-file", value: "list"),
      "patterns); `--patterns-file` `list` went over the limit."
    ),
  ])
  func rendersTooManyPatternsNamingTheOption(source: SettingSource, sentenceEnd: String) {
    let text = rendered(ConfigurationError.tooManyPatterns(limit: 10_000, source: source))
    #expect(
      text == """
        ! Too many patterns
        !
        ! The configuration has more than 10,000 patterns in all (`create` directories count as \
        \(sentenceEnd)
        !
        ! How to fix it:
        ! - Use fewer, broader patterns: a directory pattern such as `/tmp/` covers everything \
        below it, and `*` or `**` cover many names.

        """)
  }
}
