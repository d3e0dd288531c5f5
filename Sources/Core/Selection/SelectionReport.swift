import FileSystem
import Patterns

/// What a selection run found and did: the data behind the build log, `report.toml` and the image label.
public struct SelectionReport: Sendable {
  /// One pattern with its counts.
  public struct PatternCount: Sendable {
    /// The pattern.
    public let pattern: Pattern
    /// Entries for which it was the deciding match.
    public let matches: Int
    /// Entries it selected, counting everything inside the directories it selected.
    public let selected: Int

    /// Creates a count.
    public init(pattern: Pattern, matches: Int, selected: Int) {
      self.pattern = pattern
      self.matches = matches
      self.selected = selected
    }

    /// Whether the pattern stands for a `create` directory rather than a pattern the user wrote.
    public var isCreate: Bool { pattern.origin.source == CreatePattern.source }
  }

  /// One entry that could not be changed, and why; failures sort by path.
  public struct Failure: Sendable, Equatable, Comparable {
    /// The entry's display path.
    public let path: String
    /// Its type.
    public let kind: FileKind
    /// The reason.
    public let failure: WalkFailure

    /// Creates a failure.
    public init(path: String, kind: FileKind, failure: WalkFailure) {
      self.path = path
      self.kind = kind
      self.failure = failure
    }

    /// Orders failures by path.
    public static func < (lhs: Failure, rhs: Failure) -> Bool { lhs.path < rhs.path }
  }

  /// Every pattern in order, with its counts (for `create` directories too).
  public var patterns: [PatternCount] = []
  /// Whether the whole app directory was selected.
  public var wholeApp = false
  /// `create` directories this run made.
  public var created: [String] = []
  /// Selected entries whose parent was not selected (display paths, directories ending in `/`).
  public var roots = SampledPaths(limit: SelectionReport.rootLimit)
  /// Walk counts.
  public var summary = WalkSummary(patternCount: 0)
  /// Selected symlinks, never followed or changed.
  public var symbolicLinks = SampledPaths(limit: SelectionReport.sampleLimit)
  /// Selected FIFOs, sockets and devices, never opened or changed.
  public var specialFiles = SampledPaths(limit: SelectionReport.sampleLimit)
  /// Selected files with more than one hard link, left unchanged.
  public var hardLinkedFiles = SampledPaths(limit: SelectionReport.sampleLimit)
  /// Selected setuid/setgid files, left unchanged.
  public var setIDFiles = SampledPaths(limit: SelectionReport.sampleLimit)
  /// Entries that vanished or changed type during the walk.
  public var changedDuringWalk = SampledPaths(limit: SelectionReport.sampleLimit)
  /// Ancestor directories given group search (`g+x`).
  public var ancestorsGranted = SampledPaths(limit: SelectionReport.sampleLimit)
  /// Entries that could not be changed (they fail a build): the `failureLimit` first by path.
  public var failures: [Failure] = []
  /// How many entries could not be changed in all.
  public var failuresTotal = 0
  /// The app directory's permissions when it lacks group search and this run may not add it.
  public var rootWithoutGroupSearch: UInt32?

  /// Roots kept in `report.toml`.
  public static let rootLimit = 10_000
  /// Paths kept per warning.
  public static let sampleLimit = 20
  /// Failures kept.
  public static let failureLimit = 50

  /// Creates an empty report.
  public init() {}

  /// Patterns that matched nothing (likely typos); negations and `create` directories excluded.
  public var unmatchedPatterns: [Pattern] {
    patterns.filter { $0.matches == 0 && !$0.pattern.isNegated && !$0.isCreate }.map(\.pattern)
  }
}
