/// How the writable roots changed since the previous image.
public struct RootsDifference: Equatable, Sendable {
  /// Roots writable now that were not before.
  public let added: [String]
  /// Roots that were writable before and are not now.
  public let removed: [String]
  /// Whether either list was capped, so the difference may be incomplete.
  public let isPartial: Bool

  /// The difference between `previous` and `current` (each possibly capped), in the current and previous order.
  public init(previous: [String], current: [String], isPartial: Bool) {
    let previousSet = Set(previous)
    let currentSet = Set(current)
    added = current.filter { !previousSet.contains($0) }
    removed = previous.filter { !currentSet.contains($0) }
    self.isPartial = isPartial
  }

  /// Whether nothing changed.
  public var isEmpty: Bool { added.isEmpty && removed.isEmpty }
}
