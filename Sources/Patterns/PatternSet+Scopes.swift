/// Following the anchored patterns from directory to directory.
///
/// A scope keeps the states still progressing segment by segment in an array of its own and
/// shares the states past a globstar with its parent (`GlobstarChunk`), so entering a directory
/// costs time and memory for the progressing states only: along one path the scopes hold at
/// most A + S states (A anchored patterns with S segments in all) plus O(1) per level.
extension PatternSet {
  /// The scope for the entries of the root directory.
  public func rootScope() -> MatchScope { root }

  /// The scope for entries of directory `name` (a child of the directory `parent` describes), or
  /// nil when no positive pattern can select anything below it (the walker then does not open
  /// it). Call it only for directories that are not selected themselves.
  public func scope(entering name: UnsafeBufferPointer<UInt8>, from parent: MatchScope)
    -> MatchScope?
  {
    var progressing: [MatchScope.AnchoredState] = []
    var entered: [MatchScope.AnchoredState] = []
    var enteredPositive = false
    var selects = selectsAtAnyDepth || parent.globstar?.hasPositive == true
    anchoredPatterns.withUnsafeBufferPointer { anchoredPatterns in
      for state in parent.progressing {
        let pattern = anchoredPatterns[Int(state.slot)]
        let matched = Int(state.matchedSegments)
        let segments = pattern.segments
        guard matched + 1 < segments.count,
          segments[matched].admits(name, in: pattern.program)
        else { continue }
        if segments[matched + 1].isGlobstar {
          entered.append(
            MatchScope.AnchoredState(pattern: state.pattern, slot: state.slot, matchedSegments: -1))
          if !pattern.isNegated { enteredPositive = true }
        } else {
          progressing.append(
            MatchScope.AnchoredState(
              pattern: state.pattern, slot: state.slot, matchedSegments: Int32(matched + 1)))
        }
        if !pattern.isNegated { selects = true }
      }
    }
    guard selects else { return nil }
    let globstar =
      entered.isEmpty
      ? parent.globstar
      : GlobstarChunk(
        states: entered, hasPositive: enteredPositive, parent: parent.globstar,
        pattern: { anchoredPatterns[Int($0.slot)] })
    return MatchScope(progressing: progressing, globstar: globstar)
  }

  /// The most states that the scopes along one path can hold in all: the anchored patterns
  /// plus their segments (see `MatchScope`).
  var scopeStateBound: Int {
    anchoredPatterns.reduce(0) { $0 + 1 + $1.segmentCount }
  }

  /// The root scope of `anchoredPatterns`.
  static func rootScope(_ anchoredPatterns: [AnchoredPattern]) -> MatchScope {
    var progressing: [MatchScope.AnchoredState] = []
    var entered: [MatchScope.AnchoredState] = []
    var enteredPositive = false
    for (slot, pattern) in anchoredPatterns.enumerated() {
      let state = MatchScope.AnchoredState(
        pattern: Int32(pattern.index), slot: Int32(slot), matchedSegments: pattern.rootState)
      if state.matchedSegments < 0 {
        entered.append(state)
        if !pattern.isNegated { enteredPositive = true }
      } else {
        progressing.append(state)
      }
    }
    let globstar =
      entered.isEmpty
      ? nil
      : GlobstarChunk(
        states: entered, hasPositive: enteredPositive, parent: nil,
        pattern: { anchoredPatterns[Int($0.slot)] })
    return MatchScope(progressing: progressing, globstar: globstar)
  }

  /// The highest index among the anchored patterns of `scope` that match the entry and are
  /// above `best`, or `best`. States are visited highest index first, and a chunk (with the
  /// chunks above it) is skipped once none of its patterns is above the best match so far; in a
  /// chunk with a name index, only the states the entry's name can match are visited.
  func lastAnchoredMatch(
    path: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>, isDirectory: Bool,
    in scope: MatchScope, above best: Int
  ) -> Int {
    var best = best
    anchoredPatterns.withUnsafeBufferPointer { anchoredPatterns in
      func lastMatch(in states: UnsafeBufferPointer<MatchScope.AnchoredState>) {
        for state in states {
          if Int(state.pattern) <= best { break }
          if Self.anchoredMatch(
            anchoredPatterns, state, path: path, name: name, isDirectory: isDirectory)
          {
            best = Int(state.pattern)
            break
          }
        }
      }
      scope.progressing.withUnsafeBufferPointer(lastMatch)
      var chunk = scope.globstar
      while let current = chunk, Int(current.highestPattern) > best {
        if let index = current.nameIndex {
          index.byName.visit(index.byName.range(of: name), lastMatch)
          index.byLiteral.forEachGroup(in: name, lastMatch)
          index.others.withUnsafeBufferPointer(lastMatch)
        } else {
          current.states.withUnsafeBufferPointer(lastMatch)
        }
        chunk = current.parent
      }
    }
    return best
  }

  /// Whether the anchored pattern in `slot` of `patterns` matches the entry.
  @inline(__always)
  private static func anchoredMatch(
    _ patterns: UnsafeBufferPointer<AnchoredPattern>, _ state: MatchScope.AnchoredState,
    path: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>, isDirectory: Bool
  ) -> Bool {
    let slot = Int(state.slot)
    if patterns[slot].isDirectoryOnly && !isDirectory { return false }
    if state.matchedSegments >= 0 {
      // Without a globstar the pattern matches at one depth only.
      guard Int(state.matchedSegments) == patterns[slot].segmentCount - 1 else { return false }
      if let matches = patterns[slot].literalName?.elementsEqual(name) { return matches }
    } else if let rest = patterns[slot].globstarRest {
      // `**/rest`: `rest` matches the path's last `segmentCount - 1` components, or nothing.
      var start = path.count - name.count
      for _ in 2..<patterns[slot].segmentCount {
        guard start > 0 else { return false }
        start -= 1
        while start > 0 && path[start - 1] != ASCII.slash { start -= 1 }
      }
      return Wildmatch.matches(
        rest, text: UnsafeBufferPointer(rebasing: path[start...]), pathname: true)
    }
    return Wildmatch.matches(patterns[slot].program, text: path, pathname: true)
  }
}
