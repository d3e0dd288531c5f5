/// The states of a `GlobstarChunk` split by what a path's last component must be: a pattern past a
/// globstar whose last segment is a literal (`**/d*/7`) matches only entries of that name, so an
/// entry tries those of its own name and the ones without a literal last segment, not all of them.
struct GlobstarNameIndex: Sendable {
  /// Below this many states a plain scan is as cheap as a lookup.
  static let minimumStates = 16

  /// The states with a literal last segment, grouped by it, each group highest pattern first.
  let byName: [MatchScope.AnchoredState]
  /// Each literal's range of `byName`.
  private let ranges: ByteTable<Range<Int>>
  /// The states without a literal last segment, highest pattern first.
  let others: [MatchScope.AnchoredState]

  /// Splits `states` (highest pattern first) by `lastLiteral`.
  init(states: [MatchScope.AnchoredState], lastLiteral: (MatchScope.AnchoredState) -> [UInt8]?) {
    var groups: [[UInt8]: [MatchScope.AnchoredState]] = [:]
    var others: [MatchScope.AnchoredState] = []
    for state in states {
      if let name = lastLiteral(state) {
        groups[name, default: []].append(state)
      } else {
        others.append(state)
      }
    }
    var byName: [MatchScope.AnchoredState] = []
    var ranges: [[UInt8]: Range<Int>] = [:]
    for (name, group) in groups {
      ranges[name] = byName.count..<(byName.count + group.count)
      byName += group
    }
    self.byName = byName
    self.ranges = ByteTable(ranges)
    self.others = others
  }

  /// The range of `byName` holding the states whose last segment is `name` (empty when none).
  @inline(__always)
  func range(of name: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    ranges.lookup(name) ?? 0..<0
  }
}
