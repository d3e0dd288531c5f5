/// How much of a run the report, the build log and the image keep: every list is capped, so their size never
/// depends on the tree or the configuration.
public enum ReportLimits {
  /// Writable roots kept in `report.toml` (and `--json`), the first in path order.
  public static let rootsInReport = 1_000
  /// Writable roots in the layer's `[metadata]` (read by the next build) and the image label.
  public static let rootsInImage = 200
  /// Writable roots the build log lists.
  public static let rootsInLog = 20
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
