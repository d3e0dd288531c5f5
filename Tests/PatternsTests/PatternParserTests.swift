import Patterns
import Testing

@Suite struct PatternParserTests {
  @Test(arguments: gitBufferRows)
  func decidingLineAgreesWithGit(_ row: BufferRow) {
    let set = PatternSet(PatternParser.parse(tableBytes(row.buffer), source: "file"))
    let decision = set.decide(path: tableBytes(row.path), isDirectory: row.kind == .dir)
    let verdict: BufferRow.Verdict
    if let decision {
      let line = set.patterns[decision.index].origin.line
      verdict = decision.isSelected ? .line(line) : .negatedLine(line)
    } else {
      verdict = .unmatched
    }
    #expect(verdict == row.expected)
  }

  /// (buffer, [(line, bytes, negated, directory only)]) for `parse`.
  // swift-format-ignore
  static let parsedBuffers: [(String, [ParsedLine])] = [
    (#""#, []),
    (#"{x0A}"#, []),
    (#"a"#, [ParsedLine(1, #"a"#, false, false)]),
    (#"a{x0A}b{x0A}"#, [ParsedLine(1, #"a"#, false, false), ParsedLine(2, #"b"#, false, false)]),
    (#"#c{x0A}{x0A}!b/"#, [ParsedLine(3, #"!b/"#, true, true)]),
    (#"{xEF}{xBB}{xBF}a{x0D}{x0A}"#, [ParsedLine(1, #"a"#, false, false)]),
    (#"  {x0A}{x0D}{x0A}x  "#, [ParsedLine(3, #"x"#, false, false)]),
    (#"!"#, [ParsedLine(1, #"!"#, true, false)]),
    (#"/"#, [ParsedLine(1, #"/"#, false, true)]),
    (#"!/"#, [ParsedLine(1, #"!/"#, true, true)]),
    (#"!!a"#, [ParsedLine(1, #"!!a"#, true, false)]),
    (#"a//"#, [ParsedLine(1, #"a//"#, false, true)]),
    (#"\!a\ "#, [ParsedLine(1, #"\!a\ "#, false, false)]),
    (#"a \"#, [ParsedLine(1, #"a \"#, false, false)]),
    (#"a{x00}b"#, [ParsedLine(1, #"a"#, false, false)]),
    (#"{x00}"#, []),
    (#"x{x0A}#{x0A}{x0A}y"#, [ParsedLine(1, #"x"#, false, false),
      ParsedLine(4, #"y"#, false, false)]),
  ]

  @Test(arguments: parsedBuffers)
  func parse(_ buffer: String, _ expected: [ParsedLine]) {
    let patterns = PatternParser.parse(tableBytes(buffer), source: "f")
    #expect(patterns.map(ParsedLine.init) == expected)
    #expect(patterns.allSatisfy { $0.origin.source == "f" })
  }

  @Test func firstLineOffsetsLineNumbers() {
    let patterns = PatternParser.parse(tableBytes(#"a{x0A}{x0A}b"#), source: "s", firstLine: 10)
    #expect(
      patterns.map(\.origin) == [
        PatternOrigin(source: "s", line: 10), PatternOrigin(source: "s", line: 12),
      ])
  }

  /// (line, parsed pattern bytes or nil) for `parseLine`.
  static let parsedLines: [(String, String?)] = [
    (#""#, nil), (#"#a"#, nil), (#"   "#, nil), (#"{x0D}"#, nil), (#" {x0D}"#, nil),
    (#"a"#, #"a"#), (#" #a"#, #" #a"#), (#"a  "#, #"a"#), (#"a{x0D}"#, #"a"#),
    (#"a{x0D}{x0D}"#, #"a{x0D}"#), (#"a\ "#, #"a\ "#), (#"a \"#, #"a \"#),
    (#"{xEF}{xBB}{xBF}a"#, #"{xEF}{xBB}{xBF}a"#), (#"a{x00}b"#, #"a"#), (#"{x00}a"#, nil),
    (#"!"#, #"!"#), (#"/a/"#, #"/a/"#),
  ]

  @Test(arguments: parsedLines)
  func parseLine(_ line: String, _ expected: String?) {
    let origin = PatternOrigin(source: "option", line: 3)
    let pattern = PatternParser.parseLine(tableBytes(line), origin: origin)
    #expect(pattern?.bytes == expected.map(tableBytes))
    #expect(pattern.map { $0.origin == origin } ?? true)
  }

  /// (pattern, display text).
  static let displayTexts: [(String, String)] = [
    (#"*.log"#, "*.log"), (#"café/"#, "café/"), (#"caf{xE9}"#, #"caf\xE9"#),
    (#"a{x09}b"#, #"a\tb"#), (#"a{x7F}"#, #"a\x7F"#), (#"{xC2}{x85}x"#, #"\u{85}x"#),
    (#"{xE2}{x80}{xAE}txt"#, #"\u{202E}txt"#), (#"a{x01}"#, #"a\x01"#),
    (#"{xF0}{x9F}{x98}{x80}"#, "😀"), (#"{xF0}{x9F}{x98}"#, #"\xF0\x9F\x98"#),
    (#"{xED}{xA0}{x80}"#, #"\xED\xA0\x80"#), (#"{xC0}{xAF}"#, #"\xC0\xAF"#), (#"\!"#, #"\\!"#),
  ]

  @Test(arguments: displayTexts)
  func displayTextGivesTheBytesBack(_ line: String, _ expected: String) throws {
    #expect(EscapedText.unescaping(expected) == tableBytes(line))
  }

  @Test func escapingIsUnambiguousAndReversible() {
    let samples: [[UInt8]] = [
      Array(#"bad\xFF"#.utf8), [0x62, 0x61, 0x64, 0xFF], Array(#"a\\b"#.utf8), Array(#"\n"#.utf8),
      [0x0A],
      Array(#"\u{85}"#.utf8), [0xC2, 0x85], [0xE2, 0x80, 0xAE], [0x00, 0x7F, 0x5C],
    ]
    let escaped = samples.map { EscapedText.escaping($0) }
    #expect(Set(escaped).count == samples.count)
    for (sample, text) in zip(samples, escaped) { #expect(EscapedText.unescaping(text) == sample) }
    var random: UInt64 = 42
    for _ in 0..<2000 {
      random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let bytes = (0..<Int(random >> 60)).map { index in
        UInt8(truncatingIfNeeded: random >> (index * 4))
      }
      #expect(EscapedText.unescaping(EscapedText.escaping(bytes)) == bytes)
    }
  }

  @Test(arguments: displayTexts)
  func displayText(_ line: String, _ expected: String) throws {
    let pattern = try #require(
      PatternParser.parseLine(tableBytes(line), origin: PatternOrigin(source: "s", line: 1)))
    #expect(pattern.displayText == expected)
  }
}

/// A parsed pattern's line, bytes and flags, for comparisons.
struct ParsedLine: Equatable, Sendable, CustomStringConvertible {
  let line: Int
  let bytes: [UInt8]
  let isNegated: Bool
  let isDirectoryOnly: Bool

  init(_ line: Int, _ text: String, _ isNegated: Bool, _ isDirectoryOnly: Bool) {
    self.line = line
    bytes = tableBytes(text)
    self.isNegated = isNegated
    self.isDirectoryOnly = isDirectoryOnly
  }

  init(_ pattern: Pattern) {
    line = pattern.origin.line
    bytes = pattern.bytes
    isNegated = pattern.isNegated
    isDirectoryOnly = pattern.isDirectoryOnly
  }

  var description: String {
    "\(line): \(String(decoding: bytes, as: UTF8.self)) \(isNegated) \(isDirectoryOnly)"
  }
}
