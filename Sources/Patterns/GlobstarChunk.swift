/// The anchored patterns that reached a globstar on entering one directory, linked to the chunk
/// of the nearest directory above that added any: an immutable list shared by every scope below.
///
/// A state past a globstar never changes again on the way down, so a directory in which no
/// pattern reaches a globstar keeps its parent's chunk as it is, and one in which some do adds
/// one chunk holding only those. Along one path from the root, a pattern is in at most one
/// chunk.
final class GlobstarChunk: @unchecked Sendable {
  // `@unchecked`: `parent` is mutable only for `deinit`, which runs once nothing else refers to
  // the chunk; every other access reads it.

  /// The states added here (`matchedSegments` -1), highest pattern index first.
  let states: [MatchScope.AnchoredState]
  /// For many states: the states grouped by what their patterns' last segments need of a name (see
  /// `GlobstarNameIndex`); an entry then only tries the states its name can match.
  let nameIndex: GlobstarNameIndex?
  /// The chunk of the nearest directory above that added states, or nil.
  private(set) var parent: GlobstarChunk?
  /// The highest pattern index in this chunk and the chunks above it.
  let highestPattern: Int32
  /// Whether a positive pattern is in this chunk or the chunks above it.
  let hasPositive: Bool
  /// The number of chunks from this one up to the first.
  let length: Int

  /// Adds `states` (not empty, highest pattern index first) below `parent`; `hasPositive` tells
  /// whether a positive pattern is among them.
  init(
    states: [MatchScope.AnchoredState], hasPositive: Bool, parent: GlobstarChunk?,
    pattern: (MatchScope.AnchoredState) -> AnchoredPattern
  ) {
    self.states = states
    nameIndex =
      states.count >= GlobstarNameIndex.minimumStates
      ? GlobstarNameIndex(states: states, lastSegment: pattern) : nil
    self.parent = parent
    highestPattern = max(states.first?.pattern ?? -1, parent?.highestPattern ?? -1)
    self.hasPositive = hasPositive || parent?.hasPositive == true
    length = 1 + (parent?.length ?? 0)
  }

  /// Releases the chunks above that nothing else refers to one by one, so that a long chain
  /// never recurses through nested `deinit`s.
  deinit {
    var next = parent
    parent = nil
    while var chunk = next {
      next = nil
      guard isKnownUniquelyReferenced(&chunk) else { break }
      next = chunk.parent
      chunk.parent = nil
    }
  }
}
