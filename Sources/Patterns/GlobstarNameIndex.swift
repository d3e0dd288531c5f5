/// The states of a `GlobstarChunk` split by what a path's last component must be. A pattern past a
/// globstar whose last segment is a literal (`**/d*/7`) matches only entries of that name, and one
/// whose last segment needs fixed bytes at a fixed place (`NameLiteral`: `.gz` of `**/log*/*.gz`,
/// `cache-` of `**/cache-*`, `.log.` of `**/*.log.[0-9]`) only entries whose name holds them there;
/// so an entry tries the states of its name, of the literals its name holds, and the rest, not all
/// of them.
struct GlobstarNameIndex: Sendable {
  /// Below this many states a plain scan is as cheap as the lookups.
  static let minimumStates = 16

  /// States grouped by a key (a whole name, a suffix or a prefix), each group highest pattern first.
  typealias Groups = KeyedGroups<MatchScope.AnchoredState>

  /// The states whose last segment is a literal, by it.
  let byName: Groups
  /// The states whose last segment needs fixed bytes at a fixed place, by them.
  let byLiteral: NameLiteralGroups<MatchScope.AnchoredState>
  /// The states with none of these, highest pattern first.
  let others: [MatchScope.AnchoredState]

  /// Splits `states` (highest pattern first) by their patterns' last segments.
  init(
    states: [MatchScope.AnchoredState], lastSegment: (MatchScope.AnchoredState) -> AnchoredPattern
  ) {
    var names: [[UInt8]: [MatchScope.AnchoredState]] = [:]
    var keyed: [(NameLiteral, MatchScope.AnchoredState)] = []
    var others: [MatchScope.AnchoredState] = []
    for state in states {
      let pattern = lastSegment(state)
      if let name = pattern.lastLiteral {
        names[name, default: []].append(state)
      } else if let literal = pattern.lastNameLiteral {
        keyed.append((literal, state))
      } else {
        others.append(state)
      }
    }
    byName = Groups(names)
    byLiteral = NameLiteralGroups(keyed)
    self.others = others
  }
}
