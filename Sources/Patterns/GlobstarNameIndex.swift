/// The states of a `GlobstarChunk` split by what a path's last component must be. A pattern past a
/// globstar whose last segment is a literal (`**/d*/7`) matches only entries of that name, one
/// whose last segment ends in fixed bytes (`**/log*/*.gz`) only entries whose name ends in them,
/// and one whose last segment starts with fixed bytes (`**/cache-*`) only entries whose name starts
/// with them; so an entry tries the states of its name, of the suffixes its name ends with, of the
/// prefixes it starts with, and the rest, not all of them.
struct GlobstarNameIndex: Sendable {
  /// Below this many states a plain scan is as cheap as the lookups.
  static let minimumStates = 16

  /// States grouped by a key (a whole name, a suffix or a prefix), each group highest pattern first.
  typealias Groups = KeyedGroups<MatchScope.AnchoredState>

  /// The states whose last segment is a literal, by it.
  let byName: Groups
  /// The states whose last segment ends in fixed bytes, by those bytes.
  let bySuffix: Groups
  /// The states whose last segment starts (but does not end) with fixed bytes, by those bytes.
  let byPrefix: Groups
  /// The states with none of these, highest pattern first.
  let others: [MatchScope.AnchoredState]

  /// Splits `states` (highest pattern first) by their patterns' last segments.
  init(
    states: [MatchScope.AnchoredState], lastSegment: (MatchScope.AnchoredState) -> AnchoredPattern
  ) {
    var names: [[UInt8]: [MatchScope.AnchoredState]] = [:]
    var suffixes: [[UInt8]: [MatchScope.AnchoredState]] = [:]
    var prefixes: [[UInt8]: [MatchScope.AnchoredState]] = [:]
    var others: [MatchScope.AnchoredState] = []
    for state in states {
      let pattern = lastSegment(state)
      if let name = pattern.lastLiteral {
        names[name, default: []].append(state)
      } else if let suffix = pattern.lastSuffix {
        suffixes[suffix, default: []].append(state)
      } else if let prefix = pattern.lastPrefix {
        prefixes[prefix, default: []].append(state)
      } else {
        others.append(state)
      }
    }
    byName = Groups(names)
    bySuffix = Groups(suffixes)
    byPrefix = Groups(prefixes)
    self.others = others
  }
}
