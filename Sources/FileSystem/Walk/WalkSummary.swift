/// What a walk counted (what happened to the entries is the handlers' business).
public struct WalkSummary: Sendable, Equatable {
  /// Directory entries read (every name seen, selected or not).
  public var scanned = 0
  /// Directories opened and read.
  public var directoriesRead = 0
  /// Directories whose subtree was never opened because no pattern could select anything in it.
  public var directoriesPruned = 0
  /// Selected directories.
  public var selectedDirectories = 0
  /// Selected regular files.
  public var selectedFiles = 0
  /// Selected symlinks and special files.
  public var selectedOther = 0
  /// Directories that could not be opened or read, so nothing below them was visited.
  public var directoriesUnread = 0
  /// Directories closed to stay within the open-file limit and opened again later.
  public var directoriesReopened = 0
  /// Mount points inside the app directory, neither visited nor entered.
  public var mountPointsSkipped = 0
  /// Per pattern: entries for which it was the deciding match (`git check-ignore -v`'s count).
  public var matchesPerPattern: [Int]
  /// Per pattern: entries it selected, counting everything inside the directories it selected.
  public var selectedPerPattern: [Int]
  /// Seconds the walk took.
  public var elapsedSeconds = 0.0
  /// Threads that walked: the caller's and the helpers that started.
  public var threads = 1

  /// An empty summary for `patternCount` patterns.
  public init(patternCount: Int) {
    matchesPerPattern = Array(repeating: 0, count: patternCount)
    selectedPerPattern = Array(repeating: 0, count: patternCount)
  }

  /// Adds the counts of `other` (a helper thread's share of the same walk); time and threads stay.
  public mutating func add(_ other: WalkSummary) {
    for count in Self.counts { self[keyPath: count] += other[keyPath: count] }
    for counts in [\Self.matchesPerPattern, \Self.selectedPerPattern] {
      for index in self[keyPath: counts].indices where index < other[keyPath: counts].count {
        self[keyPath: counts][index] += other[keyPath: counts][index]
      }
    }
  }

  // Immutable key paths, only read.
  nonisolated(unsafe) private static let counts: [WritableKeyPath<WalkSummary, Int>] = [
    \.scanned, \.directoriesRead, \.directoriesPruned, \.selectedDirectories, \.selectedFiles,
    \.selectedOther, \.directoriesUnread, \.directoriesReopened,
  ]

  /// All selected entries.
  public var selected: Int { selectedDirectories + selectedFiles + selectedOther }
}
