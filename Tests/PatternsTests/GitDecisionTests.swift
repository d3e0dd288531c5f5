import PatternOracle
import Patterns
import Testing

@Suite struct GitDecisionTests {
  @Test(arguments: gitDecisionRows)
  func decideAgreesWithGit(_ row: DecisionRow) {
    Self.checkDecision(row)
  }

  @Test(arguments: gitDecisionRows)
  func walkAgreesWithGit(_ row: DecisionRow) {
    Self.checkWalk(row)
  }

  /// Checks that `decide` gives git's answer for `row`.
  static func checkDecision(_ row: DecisionRow) {
    let set = row.patternSet
    #expect(set.patterns.count == row.patterns.count)
    let decision = set.decide(path: row.pathBytes, isDirectory: row.kind == .dir)
    #expect(verdict(decision) == row.expected)
  }

  /// Checks that the walk (scopes, pruning, `lastMatch`) gives git's answer for `row`.
  static func checkWalk(_ row: DecisionRow) {
    let set = row.patternSet
    let walk = WalkSimulation(set, path: row.pathBytes, isDirectory: row.kind == .dir)
    switch (walk, row.expected) {
    case (.pruned, .ex): Issue.record("pruned a directory above an excluded path")
    case (.pruned, _): break
    case (.selected(let index), let expected): #expect(expected == .ex(index))
    case (.reincluded(let index), let expected): #expect(expected == .inc(index))
    case (.unmatched, let expected): #expect(expected == .unmatched)
    }
  }

  static func verdict(_ decision: (index: Int, isSelected: Bool)?) -> DecisionRow.Verdict {
    guard let decision else { return .unmatched }
    return decision.isSelected ? .ex(decision.index) : .inc(decision.index)
  }
}
