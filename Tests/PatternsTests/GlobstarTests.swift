import PatternOracle
import Patterns
import Testing

/// Anchored patterns past a globstar (shared between a directory's scope and its children's),
/// on git-checked rows and on paths a thousand directories deep.
@Suite struct GlobstarTests {
  @Test(arguments: globstarRows)
  func decideAgreesWithGit(_ row: DecisionRow) {
    GitDecisionTests.checkDecision(row)
  }

  @Test(arguments: globstarRows)
  func walkAgreesWithGit(_ row: DecisionRow) {
    GitDecisionTests.checkWalk(row)
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
