/// What a walk counted.
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
  /// Selected symlinks and special files (never changed).
  public var selectedOther = 0
  /// Selected directories whose mode was changed.
  public var directoriesChanged = 0
  /// Selected files whose mode was changed.
  public var filesChanged = 0
  /// Selected directories and files that already had the bits.
  public var alreadyWritable = 0
  /// Selected entries left as they are (see `SkipReason`).
  public var skipped = 0
  /// Ancestor directories that got group search (`g+x`).
  public var ancestorsChanged = 0
  /// Selected entries that could not be changed.
  public var failed = 0
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

  private static let counts: [WritableKeyPath<WalkSummary, Int>] = [
    \.scanned, \.directoriesRead, \.directoriesPruned, \.selectedDirectories, \.selectedFiles,
    \.selectedOther, \.directoriesChanged, \.filesChanged, \.alreadyWritable, \.skipped,
    \.ancestorsChanged, \.failed,
  ]

  /// Entries whose mode was changed, ancestors included.
  public var changed: Int { directoriesChanged + filesChanged + ancestorsChanged }

  /// All selected entries.
  public var selected: Int { selectedDirectories + selectedFiles + selectedOther }
}
