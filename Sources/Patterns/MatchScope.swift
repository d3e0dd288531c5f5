/// What `PatternSet` knows about one directory during a walk: which anchored patterns can still
/// match its entries or anything below them. Its size is bounded by the number of patterns.
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

  /// The anchored patterns still possible, highest pattern index first.
  let anchored: [AnchoredState]
}
