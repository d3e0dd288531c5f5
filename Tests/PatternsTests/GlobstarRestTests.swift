import Testing

@testable import Patterns

/// Which `**/rest` patterns match `rest` on the path's last components only, and the program of
/// `rest` they run there.
@Suite struct GlobstarRestTests {
  /// (pattern, the stars of `rest`'s program as their operands, or nil when the whole path is
  /// matched).
  // swift-format-ignore
  static let rows: [(String, [Int32]?)] = [
    (#"**/a*/b"#, [0]),
    (#"**/*a*/*b"#, [0, 1, 2]),
    (#"**/x/*.log.[0-9]"#, [0]),
    (#"***/a*/b"#, [0]),
    (#"**/a/?"#, []),
    (#"**\/b*"#, nil),
    (#"a/**/b*"#, nil),
    (#"**/a/**/b*"#, nil),
    (#"**/a**b/c*"#, nil),
    (#"/**/x/a*"#, [0]),
  ]

  @Test(arguments: rows)
  func restIsMatchedOnTheLastComponents(_ line: String, _ stars: [Int32]?) throws {
    let pattern = try #require(
      PatternParser.parseLine(Array(line.utf8), origin: PatternOrigin(source: "t", line: 1)))
    let anchored = try #require(PatternSet([pattern]).anchoredPatterns.first)
    let rest = anchored.globstarRest
    #expect(rest?.tokens.filter { $0.kind == .star }.map(\.operand) == stars)
    #expect(rest?.starCount == stars?.count)
  }
}
