/// How much of a run the report, the build log and the image keep: every list is capped, so their size never
/// depends on the tree, and the configuration's caps bound the rest (`reportBytes`).
public enum ReportLimits {
  /// Bytes of `report.toml` at most, whatever the tree and configuration: the roots' share is cut at
  /// `rootBytesInReport`, every other list by count and by `pathBytesInNotice`, the `create` and `ephemeral`
  /// lists (kept whole for the start-up check) by `ConfigurationLimits.directoryListBytes`. Well under what
  /// `doctor` and the start-up check read (`ReportFileLimits.reportSize`).
  public static let reportBytes = 4 << 20
  /// Writable roots kept in `report.toml` (and `--json`), the first in path order.
  public static let rootsInReport = 1_000
  /// Bytes of writable roots kept in `report.toml` at most (long names on deep trees): the roots that fit.
  public static let rootBytesInReport = 512 << 10
  /// Bytes of a path shown in a warning or notice at most; a longer one is cut and says its length.
  public static let pathBytesInNotice = 1024
  /// Bytes of writable roots in the layer's `[metadata]` and the image label at most: the first roots that fit.
  public static let rootBytesInImage = 64 << 10
  /// Writable roots in the layer's `[metadata]` (read by the next build) and the image label.
  public static let rootsInImage = 200
  /// Writable roots the build log lists.
  public static let rootsInLog = 20
  /// Bytes of the warnings' rendered text `report.toml` keeps at most: the first warnings that fit.
  public static let warningBytesInReport = 256 << 10
  /// Patterns whose counts `report.toml` and the build log list; the rest are summed up.
  public static let patternsInReport = 200
  /// Patterns that matched nothing, listed by name in one warning each; beyond that, one warning sums them up.
  public static let unmatchedPatternsWarnedOneByOne = 5
  /// Paths (or patterns) kept per warning or notice.
  public static let pathsPerNotice = 20
  /// Entries that could not be changed, kept for the error.
  public static let failuresKept = 50
  /// `create` directories the report keeps (with their modes, for the start-up check to make them again).
  public static let createdInReport = 1_000
}
