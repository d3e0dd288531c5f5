import Patterns

/// Follows a path from the root the way the walker uses `PatternSet`: a parent directory
/// matched by a positive pattern is selected with everything below it, otherwise the walk
/// enters it with `scope(entering:from:)`, which may prune it.
public enum WalkSimulation: Equatable {
  /// Selected by pattern `index` (the entry itself or a parent directory).
  case selected(Int)
  /// Last matched by the negated pattern `index`.
  case reincluded(Int)
  /// No pattern matches.
  case unmatched
  /// A parent directory was pruned: nothing below it can be selected.
  case pruned

  /// The outcome for `path` (no trailing slash) as a directory or not.
  public init(_ set: PatternSet, path: [UInt8], isDirectory: Bool) {
    self = path.withUnsafeBufferPointer { buffer in
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

  /// Whether the walk agrees with `decide`'s answer (a pruned walk agrees with any answer
  /// that does not exclude the path).
  public func agrees(with decision: (index: Int, isSelected: Bool)?) -> Bool {
    switch (self, decision) {
    case (.pruned, let decision): return decision?.isSelected != true
    case (.unmatched, nil): return true
    case (.selected(let index), let decision?):
      return decision.isSelected && decision.index == index
    case (.reincluded(let index), let decision?):
      return !decision.isSelected && decision.index == index
    default: return false
    }
  }
}
