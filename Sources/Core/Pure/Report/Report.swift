/// What one run found and did: the one document behind the build log, `report.toml`, the layer's `[metadata]`,
/// the image label and `--json`, read back by `doctor` and the start-up check.
///
/// Every list in it is capped (`ReportLimits`), so its size does not depend on the tree or the configuration.
public struct Report: Sendable, Equatable {
  /// The buildpack's version.
  public var version = ""
  /// The group that will own the files (the build user's group).
  public var groupID = 0
  /// Where the configuration came from, as the build log says it.
  public var sources: [String] = []
  /// Whether the whole app directory was selected.
  public var wholeApp = false
  /// Whether nothing was changed (`apply --dry-run`).
  public var dryRun = false
  /// The threads that walked.
  public var threads = 1
  /// Seconds the walk took (for the log; not kept in the report files).
  public var elapsedSeconds = 0.0
  /// `create` directories and the modes the run left them with (every configured one, made now or before).
  public var created: [CreatedDirectory] = []
  /// `ephemeral` directories, now links to a place that is writable at run time.
  public var ephemeral: [EphemeralLink] = []
  /// The `create` directories this run made (for the log), the first in path order.
  public var made = Sample<MadeDirectory>(limit: ReportLimits.pathsPerNotice)
  /// Selected entries whose parent was not selected: the writable roots.
  public var roots = SampledPaths(limit: ReportLimits.rootsInReport)
  /// The roots a preset's pattern selected, by preset name (a subset of `roots`).
  public var rootPresets: [String: [String]] = [:]
  /// The patterns with their counts, the first `ReportLimits.patternsInReport`.
  public var patterns: [PatternCount] = []
  /// How many patterns there were in all.
  public var patternsTotal = 0
  /// Patterns that matched nothing (likely typos; negations and `create` excluded).
  public var unmatched = Sample<PatternCount>(limit: ReportLimits.pathsPerNotice)
  /// Counts.
  public var counts = ReportCounts()
  /// What changed besides the selection, and what was left.
  public var changes = ReportChanges()
  /// Entries that could not be changed (they fail the run), the first by path.
  public var failures = Sample<EntryFailure>(limit: ReportLimits.failuresKept)
  /// The app directory's permissions when it lacks group search that only whole-app mode may add.
  public var rootWithoutGroupSearch: Int?
  /// The app directory's owner and mode, before and after the run.
  public var appDirectory: AppDirectoryFacts?
  /// The audit's findings, when the run audited.
  public var audit: AuditFindings?
  /// The warnings the build printed, rendered.
  public var warnings: [ReportWarning] = []

  /// Creates an empty report.
  public init() {}

  /// Whether entries could not be changed or parts the selection needed could not be read.
  public var hasFailures: Bool { !failures.isEmpty }
}

/// The app directory as the platform handed it over, and as the run left it.
public struct AppDirectoryFacts: Sendable, Equatable, Codable {
  /// Its owner.
  public var owner: Int
  /// Its group.
  public var group: Int
  /// Its permission bits before the run.
  public var modeBefore: Int
  /// Its permission bits after the run.
  public var modeAfter: Int

  /// Creates the facts.
  public init(owner: Int, group: Int, modeBefore: Int, modeAfter: Int) {
    self.owner = owner
    self.group = group
    self.modeBefore = modeBefore
    self.modeAfter = modeAfter
  }

  enum CodingKeys: String, CodingKey {
    case owner, group
    case modeBefore = "mode-before"
    case modeAfter = "mode-after"
  }
}

/// A `create` directory and the mode the build gave it.
public struct CreatedDirectory: Sendable, Equatable, Codable, Comparable {
  /// Its display path (reversible: `EscapedText`), without a trailing `/`.
  public var path: String
  /// Its permission bits after the build.
  public var mode: Int

  /// Creates an entry.
  public init(path: String, mode: Int) {
    self.path = path
    self.mode = mode
  }

  /// By path.
  public static func < (lhs: CreatedDirectory, rhs: CreatedDirectory) -> Bool {
    lhs.path < rhs.path
  }
}

/// One rendered warning, as `report.toml` keeps it.
public struct ReportWarning: Sendable, Equatable, Codable {
  /// The title line.
  public var title: String
  /// The whole rendered `!` block.
  public var message: String

  /// Creates a warning.
  public init(title: String, message: String) {
    self.title = title
    self.message = message
  }
}
