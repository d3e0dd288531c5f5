import Patterns

/// Matches paths the way the directory walker does (scopes, pruning, `lastMatch`) and checks
/// that the answer agrees with `PatternSet.decide` (git's rules, pattern by pattern).
public enum WalkOracle {
  /// What the walker concludes about one path.
  enum Outcome: Equatable {
    /// Selected by pattern `index`: the entry itself or a parent directory.
    case selected(Int)
    /// Last matched by the negated pattern `index`.
    case reincluded(Int)
    /// No pattern matches.
    case unmatched
    /// A parent directory was pruned: nothing below it can be selected.
    case pruned
  }

  /// Checks every path of `paths`, as a file and as a directory, against `set`; stops the
  /// process with a message naming the pattern list and the path on a disagreement.
  public static func check(_ set: PatternSet, paths: [[UInt8]]) {
    _ = set.unmatchablePatternIndices
    for pattern in set.patterns { _ = pattern.displayText }
    for path in paths {
      for isDirectory in [false, true] {
        let outcome = walk(set, path: path, isDirectory: isDirectory)
        let decision = set.decide(path: path, isDirectory: isDirectory)
        guard agrees(outcome, decision) else {
          let lines = set.patterns.map { "  \($0.displayText)" }.joined(separator: "\n")
          FuzzFailure.stop(
            """
            walker and decide disagree
            patterns:
            \(lines)
            path: \(FuzzFailure.escaped(path)) (isDirectory: \(isDirectory))
            walk: \(outcome)  decide: \(String(describing: decision))
            """)
        }
      }
    }
  }

  /// Follows `path` from the root: a parent matched by a positive pattern selects everything
  /// below it; otherwise the walk enters it with `scope(entering:from:)`, which may prune it.
  static func walk(_ set: PatternSet, path: [UInt8], isDirectory: Bool) -> Outcome {
    path.withUnsafeBufferPointer { buffer in
      var scope = set.rootScope()
      var nameStart = 0
      for end in buffer.indices where buffer[end] == UInt8(ascii: "/") {
        let parent = UnsafeBufferPointer(rebasing: buffer[..<end])
        if let index = set.lastMatch(
          path: parent, nameStart: nameStart, isDirectory: true, in: scope),
          !set.patterns[index].isNegated
        {
          return .selected(index)
        }
        let name = UnsafeBufferPointer(rebasing: buffer[nameStart..<end])
        guard let next = set.scope(entering: name, from: scope) else { return .pruned }
        scope = next
        nameStart = end + 1
      }
      guard
        let index = set.lastMatch(
          path: buffer, nameStart: nameStart, isDirectory: isDirectory, in: scope)
      else { return .unmatched }
      return set.patterns[index].isNegated ? .reincluded(index) : .selected(index)
    }
  }

  /// Whether the walk's outcome is `decide`'s answer; a pruned walk agrees with any answer that
  /// does not exclude the path.
  static func agrees(_ outcome: Outcome, _ decision: (index: Int, excluded: Bool)?) -> Bool {
    switch (outcome, decision) {
    case (.pruned, let decision): return decision?.excluded != true
    case (.unmatched, nil): return true
    case (.selected(let index), let decision?): return decision.excluded && decision.index == index
    case (.reincluded(let index), let decision?):
      return !decision.excluded && decision.index == index
    default: return false
    }
  }
}
