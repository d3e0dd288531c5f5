/// Fixed bytes that every name a one-component glob matches holds at a fixed distance from its
/// start or from its end, or else anywhere: `cache-` of `cache-*` (at the start), `.log` of `*.log`
/// (at the end), `.log.` of `*.log.[0-9]` (one byte before the end), `ake` of `?ake*` (one byte
/// after the start), `cache` of `*cache*` (anywhere). A name without them cannot match, so globs can
/// be grouped by them and looked up by name.
struct NameLiteral: Hashable, Sendable {
  /// Where the distance is counted from.
  enum Anchor: Hashable, Comparable, Sendable {
    /// The name's first byte.
    case start
    /// The name's end.
    case end
    /// None: the bytes may be anywhere in the name (`distance` is 0).
    case anywhere
  }

  /// Where the distance is counted from.
  let anchor: Anchor
  /// How many bytes lie between the anchor and the fixed bytes.
  let distance: Int
  /// The fixed bytes (never empty).
  let bytes: [UInt8]

  /// The longest run of fixed bytes at a fixed distance in `tokens` (the tokens of one component,
  /// without `/`): before the first star, counted from the start, or after the last star, counted
  /// from the end; or, when a run between two stars is longer, that run, anywhere. Nil when every
  /// token is a wildcard.
  ///
  /// Every token but a star stands for exactly one byte, so the distances are exact. A malformed
  /// bracket or a trailing lone backslash is counted as one byte too: the glob then matches
  /// nothing, and any literal is a sound requirement for it.
  init?(_ tokens: ArraySlice<GlobToken>) {
    let firstStar = tokens.firstIndex { $0.kind == .star }
    var best: (anchor: Anchor, distance: Int, bytes: [UInt8])?
    func consider(_ anchor: Anchor, _ run: ArraySlice<GlobToken>, distance: Int) {
      guard !run.isEmpty, run.count > best?.bytes.count ?? 0 else { return }
      best = (anchor, distance, run.map(\.byte))
    }
    let head = tokens[..<(firstStar ?? tokens.endIndex)]
    for (start, end) in Self.fixedRuns(head) {
      consider(.start, head[start..<end], distance: start - head.startIndex)
    }
    if let firstStar, let lastStar = tokens.lastIndex(where: { $0.kind == .star }) {
      let tail = tokens[(lastStar + 1)...]
      for (start, end) in Self.fixedRuns(tail).reversed() {
        consider(.end, tail[start..<end], distance: tail.endIndex - end)
      }
      let middle = tokens[(firstStar + 1)..<max(firstStar + 1, lastStar)]
      for (start, end) in Self.fixedRuns(middle) {
        consider(.anywhere, middle[start..<end], distance: 0)
      }
    }
    guard let best else { return nil }
    anchor = best.anchor
    distance = best.distance
    bytes = best.bytes
  }

  /// The maximal runs of fixed-byte tokens in `tokens`, as index ranges, in order.
  private static func fixedRuns(_ tokens: ArraySlice<GlobToken>) -> [(Int, Int)] {
    var runs: [(Int, Int)] = []
    var runStart: Int?
    for index in tokens.indices {
      if tokens[index].isFixedByte {
        if runStart == nil { runStart = index }
      } else if let start = runStart {
        runs.append((start, index))
        runStart = nil
      }
    }
    if let start = runStart { runs.append((start, tokens.endIndex)) }
    return runs
  }
}
