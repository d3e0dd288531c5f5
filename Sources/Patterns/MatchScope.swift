/// What `PatternSet` knows about one directory during a walk: which anchored patterns can still
/// match its entries or anything below them.
///
/// Memory: a scope owns the states of the patterns still matching the directory's path segment
/// by segment, and shares with the scopes above it the chain of patterns past a globstar (such
/// a state never changes again, see `GlobstarChunk`). A pattern is still progressing in at most
/// one scope per segment it has, and joins the chain at most once on a path, so the scopes
/// along one path from the root hold at most A + S states in all, A being the number of
/// anchored patterns and S the total number of their segments, plus O(1) per level (the scope
/// and at most one chunk). The depth of the path does not enter that bound.
public struct MatchScope: Sendable {
  /// An anchored pattern that is still possible in this directory.
  struct AnchoredState: Sendable {
    /// The pattern index (to stop early once a later pattern has matched).
    let pattern: Int32
    /// The position in `PatternSet`'s anchored patterns.
    let slot: Int32
    /// How many leading segments the directory's path has matched, or -1 once a globstar has
    /// been reached (the pattern may then match at any depth below).
    let matchedSegments: Int32
  }

  /// The patterns that have matched the directory's path segment by segment and not yet
  /// reached a globstar, highest pattern index first.
  let progressing: [AnchoredState]
  /// The patterns past a globstar, added here or above, or nil when there are none.
  let globstar: GlobstarChunk?

  /// The states that `scopes` hold in all, each shared chunk counted once (for tests of the
  /// bound above).
  static func heldStates(_ scopes: [MatchScope]) -> Int {
    var seen = Set<ObjectIdentifier>()
    var count = 0
    for scope in scopes {
      count += scope.progressing.count
      var chunk = scope.globstar
      while let current = chunk, seen.insert(ObjectIdentifier(current)).inserted {
        count += current.states.count
        chunk = current.parent
      }
    }
    return count
  }
}
