import Core
import FileSystem
import Patterns

/// Prints a selection report as build output sections.
public struct SelectionLogPrinter {
  private let log: BuildLog

  /// A printer writing to `log`.
  public init(log: BuildLog) {
    self.log = log
  }

  /// The per-pattern counts.
  public func printPatterns(_ report: SelectionReport) {
    log.section("Selecting paths")
    if report.wholeApp {
      log.item("Whole-app mode: the app directory and everything in it")
    }
    for count in report.patterns {
      let pattern = DiagnosticText.code(bytes: count.pattern.bytes)
      let origin = "\(count.pattern.origin.source):\(count.pattern.origin.line)"
      if count.isCreate {
        log.item(
          count.selected == 0
            ? "\(pattern) (`create`) is inside a selected directory"
            : "\(pattern) (`create`) \(BuildLog.plural(count.selected, "entry", "entries")) in all")
      } else if count.pattern.isNegated {
        log.item("\(pattern) (\(origin)) kept \(BuildLog.plural(count.matches, "path")) out")
      } else {
        log.item(
          "\(pattern) (\(origin)) matched \(BuildLog.plural(count.matches, "path")), "
            + "\(BuildLog.plural(count.selected, "entry", "entries")) in all")
      }
    }
    let summary = report.summary
    let threads = summary.threads > 1 ? " with \(summary.threads) threads" : ""
    log.item(
      "Scanned \(BuildLog.plural(summary.scanned, "entry", "entries")) in "
        + "\(BuildLog.duration(summary.elapsedSeconds))\(threads); skipped "
        + "\(BuildLog.plural(summary.directoriesPruned, "directory", "directories")) "
        + "no pattern can reach")
  }

  /// The counts of what changed, for the group that will own the files.
  public func printChanges(_ report: SelectionReport, groupID: UInt32, dryRun: Bool) {
    let summary = report.summary
    log.section(
      dryRun
        ? "Would grant group write access (dry run, nothing changed)"
        : "Granting group write access to group \(groupID)")
    let verb = dryRun ? "Would change" : "Changed"
    log.item(
      "\(verb) \(BuildLog.plural(summary.directoriesChanged, "directory", "directories")) and "
        + "\(BuildLog.plural(summary.filesChanged, "file"))")
    log.item("Already group-writable: \(BuildLog.plural(summary.alreadyWritable, "entry", "entries"))")
    if report.ancestorsGranted.total > 0 {
      log.item(
        "Gave group search (`g+x`) to \(BuildLog.plural(report.ancestorsGranted.total, "parent directory", "parent directories")): "
          + report.ancestorsGranted.paths.map(DiagnosticText.code).joined(separator: ", "))
    }
    if report.symbolicLinks.total > 0 {
      log.item(
        "Left \(BuildLog.plural(report.symbolicLinks.total, "symbolic link")) as they are "
          + "(links are never followed or changed)")
    }
    if report.specialFiles.total > 0 {
      log.item(
        "Left \(BuildLog.plural(report.specialFiles.total, "special file")) as they are "
          + "(FIFOs, sockets and devices are never opened)")
    }
    let skippedOther =
      report.hardLinkedFiles.total + report.setIDFiles.total + report.changedDuringWalk.total
    if skippedOther > 0 {
      log.item("Skipped \(BuildLog.plural(skippedOther, "entry", "entries")) (see the warnings below)")
    }
  }

  /// The writable roots, at most `limit` of them.
  public func printRoots(_ report: SelectionReport, limit: Int = 20) {
    log.section("Writable paths (\(BuildLog.count(report.roots.total)))")
    for root in report.roots.paths.prefix(limit) {
      log.item(DiagnosticText.code(root))
    }
    if report.roots.total > limit {
      log.item("… and \(BuildLog.count(report.roots.total - limit)) more (all in `report.toml`)")
    }
  }

  /// How the writable roots changed since the previous image.
  public func printDifference(_ difference: RootsDifference) {
    log.section("Since the previous image")
    if difference.isEmpty {
      log.item("The same writable paths")
    }
    for root in difference.added { log.item("Now writable: \(DiagnosticText.code(root))") }
    for root in difference.removed { log.item("No longer writable: \(DiagnosticText.code(root))") }
    if difference.isPartial {
      log.item("(only the first \(LayerFiles.rootLimit) paths of each image are compared)")
    }
  }

  /// One changed entry, for `BP_LOG_LEVEL=DEBUG`.
  public func printChange(path: String, from old: UInt32, to new: UInt32, reason: ChangeReason) {
    let note = reason == .ancestorSearch ? " (parent, group search)" : ""
    log.item("\(DiagnosticText.code(path)) \(BuildLog.octal(old)) -> \(BuildLog.octal(new))\(note)")
  }

  /// A progress line for a long walk.
  public func printProgress(_ progress: WalkProgress) {
    log.item(
      "Still walking: \(BuildLog.plural(progress.scanned, "entry", "entries")) scanned, "
        + "\(BuildLog.count(progress.changed)) changed (\(BuildLog.duration(progress.elapsedSeconds)))")
  }
}
