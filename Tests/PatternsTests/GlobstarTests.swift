import PatternOracle
import Testing

@testable import Patterns

/// `**/rest` patterns with a literal `rest` (the path-suffix strategy) and anchored patterns
/// past a globstar (shared between a directory's scope and its children's), on git-checked rows
/// and on paths a thousand directories deep.
@Suite struct GlobstarTests {
  @Test(arguments: globstarRows)
  func decideAgreesWithGit(_ row: DecisionRow) {
    GitDecisionTests.checkDecision(row)
  }

  @Test(arguments: globstarRows)
  func walkAgreesWithGit(_ row: DecisionRow) {
    GitDecisionTests.checkWalk(row)
  }

  /// (pattern, the strategy chosen for it: `suffix:` + the literal rest, `anchored`, `never`
  /// or `basename`).
  // swift-format-ignore
  static let strategies: [(String, String)] = [
    (#"**/a/b"#, "suffix:a/b"),
    (#"**/a/b/"#, "suffix:a/b"),
    (#"!**/a/b"#, "suffix:a/b"),
    (#"***/a/b"#, "suffix:a/b"),
    (#"/**/a/b/c"#, "suffix:a/b/c"),
    (#"**/a\/b"#, "suffix:a/b"),
    (#"**/a\*/b"#, "suffix:a*/b"),
    (#"**/d/7"#, "suffix:d/7"),
    (#"**\/a/b"#, "anchored"),
    (#"**/a*/b"#, "anchored"),
    (#"**/a/?"#, "anchored"),
    (#"**/a/**/b"#, "anchored"),
    (#"**/**/a/b"#, "anchored"),
    (#"a/**/b"#, "anchored"),
    (#"x**/a/b"#, "anchored"),
    (#"**/a//b"#, "never"),
    (#"**/a/b\"#, "never"),
    (#"**/a"#, "basename"),
    (#"**/a*"#, "basename"),
  ]

  @Test(arguments: strategies)
  func strategyOfPattern(_ line: String, _ expected: String) throws {
    let pattern = try #require(
      PatternParser.parseLine(tableBytes(line), origin: PatternOrigin(source: "t", line: 1)))
    let strategy =
      switch CompiledPattern(pattern).strategy {
      case .pathSuffix(let rest): "suffix:" + String(decoding: rest, as: UTF8.self)
      case .anchored: "anchored"
      case .never: "never"
      case .basenameLiteral, .basenameSuffix, .basenameGlob: "basename"
      }
    #expect(strategy == expected)
  }

  /// Keys of a `PathSuffixTable` (rest, pattern index, directory only).
  static let suffixKeys: [(String, Int, Bool)] = [
    ("a/b", 0, false), ("x/a/b", 1, false), ("b/c", 2, true), ("d/7", 3, false),
    ("q/r/s/t/u", 4, false),
  ]

  /// (path, is a directory, the highest matching index or -1).
  // swift-format-ignore
  static let suffixLookups: [(String, Bool, Int)] = [
    ("a/b", false, 0), ("x/a/b", false, 1), ("y/x/a/b", false, 1), ("xx/a/b", false, 0),
    ("xa/b", false, -1), ("a/bb", false, -1), ("b", false, -1), ("", false, -1),
    ("b/c", false, -1), ("b/c", true, 2), ("a/b/c", true, 2), ("d/d/d/d/d/7", false, 3),
    ("d/d/d/d/d/77", false, -1), ("q/r/s/t/u", false, 4), ("p/q/r/s/t/u", false, 4),
    ("qq/r/s/t/u", false, -1), ("r/s/t/u", false, -1),
  ]

  @Test(arguments: suffixLookups)
  func pathSuffixTableLookup(_ path: String, _ isDirectory: Bool, _ expected: Int) {
    var entries: [[UInt8]: LastIndices] = [:]
    for (key, index, isDirectoryOnly) in Self.suffixKeys {
      entries[Array(key.utf8), default: LastIndices()].add(index, isDirectoryOnly: isDirectoryOnly)
    }
    let table = PathSuffixTable(entries)
    let found = Array(path.utf8).withUnsafeBufferPointer {
      table.last($0, isDirectory: isDirectory)
    }
    #expect(found == expected)
  }

  /// `d/` repeated `count` times.
  static func dirs(_ count: Int) -> String { String(repeating: "d/", count: count) }

  /// (patterns, depth, leaf, is a directory, git's verdict for `dirs(depth)` + leaf).
  // swift-format-ignore
  static let deepCases: [([String], Int, String, Bool, DecisionRow.Verdict)] = [
    (["d/**/x", "!" + dirs(3) + "**/x", dirs(500) + "**/x"], 1000, "x", false, .ex(2)),
    (["d/**/x", "!" + dirs(3) + "**/x", dirs(500) + "**/x"], 400, "x", false, .inc(1)),
    (["d/**/x", "!" + dirs(3) + "**/x", dirs(500) + "**/x"], 2, "x", false, .ex(0)),
    (["**/d*/x"], 1000, "x", false, .ex(0)),
    (["**/d*/x"], 1000, "y", false, .unmatched),
    (["**/d/x/"], 1000, "x", true, .ex(0)),
    (["**/d/x/"], 1000, "x", false, .unmatched),
    (["**/d/x/"], 1000, "x/y", false, .ex(0)),
    ([dirs(5) + "e/**/x", dirs(2000) + "x"], 1000, "x", false, .unmatched),
    ([dirs(999) + "x"], 999, "x", false, .ex(0)),
    ([dirs(999) + "x"], 998, "x", false, .unmatched),
    ([dirs(999) + "x/"], 999, "x", false, .unmatched),
    (["**/x", "!" + dirs(700) + "**/x"], 1000, "x", false, .inc(1)),
    (["**/x", "!" + dirs(700) + "**/x"], 699, "x", false, .ex(0)),
    (["!**/d/x", "d/**/x"], 1000, "x", false, .ex(1)),
    (["**/d/x", "!" + dirs(10) + "**/d/x"], 1000, "x", false, .inc(1)),
    (["**/d/x", "!" + dirs(10) + "**/d/x"], 9, "x", false, .ex(0)),
    ([dirs(10) + "**/x", "!**/d/x"], 1000, "x", false, .inc(1)),
    (["**/d/d/x", "!**/e/d/x"], 1000, "x", false, .ex(0)),
    ([dirs(10) + "**/d*/x/", "!" + dirs(20) + "**/x"], 1000, "x", true, .inc(1)),
    ([dirs(10) + "**/d*/x/", "!" + dirs(20) + "**/x"], 15, "x", true, .ex(0)),
  ]

  @Test(arguments: deepCases)
  func deepWalkAgreesWithDecide(
    _ lines: [String], _ depth: Int, _ leaf: String, _ isDirectory: Bool,
    _ expected: DecisionRow.Verdict
  ) {
    let set = PatternSet(
      lines.enumerated().compactMap { index, line in
        PatternParser.parseLine(tableBytes(line), origin: PatternOrigin(source: "t", line: index))
      })
    let path = Array((Self.dirs(depth) + leaf).utf8)
    let decision = set.decide(path: path, isDirectory: isDirectory)
    #expect(GitDecisionTests.verdict(decision) == expected)
    let walk = WalkSimulation(set, path: path, isDirectory: isDirectory)
    #expect(walk.agrees(with: decision), "walk \(walk)")
  }
}
