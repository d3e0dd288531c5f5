import Core
import FileSystem

/// Prints a report as build output sections: the same for `bin/build` and `group-writable apply`.
public struct ReportPrinter {
  private let log: BuildLog

  /// A printer writing to `log`.
  public init(log: BuildLog) {
    self.log = log
  }

  /// Where the configuration came from.
  public func printConfiguration(_ sources: [String]) {
    log.section("Configuration")
    for source in sources { log.item(source) }
  }

  /// The per-pattern counts and what the walk saw.
  public func printPatterns(_ report: Report) {
    log.section("Selecting paths")
    if report.wholeApp {
      log.item("Whole-app mode: the app directory and everything in it")
    }
    for count in report.patterns {
      let pattern = DiagnosticText.quoted(count.pattern)
      let origin = "\(count.source):\(count.line)"
      if count.isCreate {
        log.item(
          count.selected == 0
            ? "\(pattern) (`create`) is inside a selected directory"
            : "\(pattern) (`create`) \(CountText.of(count.selected, "entry", "entries")) in all")
      } else if count.negated {
        log.item("\(pattern) (\(origin)) kept \(CountText.of(count.matches, "path")) out")
      } else {
        log.item(
          "\(pattern) (\(origin)) matched \(CountText.of(count.matches, "path")), "
            + "\(CountText.of(count.selected, "entry", "entries")) in all")
      }
    }
    if report.patternsTotal > report.patterns.count {
      log.item(
        "… and \(CountText.of(report.patternsTotal - report.patterns.count, "more pattern")) (the counts of the "
          + "first \(CountText.number(report.patterns.count)) are in `report.toml`)")
    }
    let counts = report.counts
    let threads = report.threads > 1 ? " with \(report.threads) threads" : ""
    log.item(
      "Scanned \(CountText.of(counts.scanned, "entry", "entries")) in "
        + "\(BuildLog.duration(report.elapsedSeconds))\(threads); skipped "
        + "\(CountText.of(counts.directoriesPruned, "directory", "directories")) no pattern can reach"
    )
  }

  /// What changed, for the group that will own the files.
  public func printChanges(_ report: Report) {
    let counts = report.counts
    let changes = report.changes
    log.section(
      report.dryRun
        ? "Would grant group write access (dry run, nothing changed)"
        : "Granting group write access to group \(report.groupID)")
    let verb = report.dryRun ? "Would change" : "Changed"
    log.item(
      "\(verb) \(CountText.of(counts.directoriesChanged, "directory", "directories")) and "
        + "\(CountText.of(counts.filesChanged, "file"))")
    log.item("Already group-writable: \(CountText.of(counts.alreadyWritable, "entry", "entries"))")
    if !changes.ancestorsGranted.isEmpty {
      log.item(
        "Gave group search (`g+x`) to \(CountText.of(changes.ancestorsGranted.total, "parent directory", "parent directories")): "
          + changes.ancestorsGranted.paths.map(DiagnosticText.quoted).joined(separator: ", "))
    }
    if !changes.databaseDirectories.isEmpty {
      log.item(
        "Opened \(CountText.of(changes.databaseDirectories.total, "SQLite database directory", "SQLite database directories")) "
          + "to the group, with the sticky bit (journals can be made, the build's files not replaced): "
          + CountText.changes(changes.databaseDirectories))
    }
    if !changes.worldWriteRemoved.isEmpty {
      log.item(
        "Removed world write (`o+w`), set by the platform or the source, from "
          + "\(CountText.of(changes.worldWriteRemoved.total, "entry", "entries")): "
          + CountText.changes(changes.worldWriteRemoved))
    }
    if !changes.groupWriteRemoved.isEmpty {
      log.item(
        "Removed group write outside the selection from "
          + "\(CountText.of(changes.groupWriteRemoved.total, "entry", "entries")): "
          + CountText.changes(changes.groupWriteRemoved))
    }
    if !changes.aclWriteRemoved.isEmpty {
      log.item(
        "Removed write from the ACL mask (group bits) of "
          + "\(CountText.of(changes.aclWriteRemoved.total, "entry", "entries")) whose ACL let named users or "
          + "groups write: " + CountText.changes(changes.aclWriteRemoved))
    }
    if !changes.protectedWriteRemoved.isEmpty {
      log.item(
        "Removed group write from "
          + "\(CountText.of(changes.protectedWriteRemoved.total, "setuid, setgid or capability file")): "
          + CountText.changes(changes.protectedWriteRemoved))
    }
    if !changes.symbolicLinks.isEmpty {
      log.item(
        "Left \(CountText.of(changes.symbolicLinks.total, "symbolic link")) as they are "
          + "(links are never followed or changed)")
    }
    if !changes.specialFiles.isEmpty {
      log.item(
        "Left \(CountText.of(changes.specialFiles.total, "special file")) as they are "
          + "(FIFOs, sockets and devices are never opened)")
    }
    let skippedOther =
      changes.hardLinkedFiles.total + changes.setIDFiles.total + changes.changedDuringWalk.total
      + changes.reachedThroughOpenDirectory.total + changes.capabilityFiles.total
      + changes.aclEntries.total
    if skippedOther > 0 {
      log.item("Skipped \(CountText.of(skippedOther, "entry", "entries")) (see the warnings below)")
    }
  }

  /// The writable roots, the first `ReportLimits.rootsInLog` of them.
  public func printRoots(_ report: Report) {
    let roots = report.roots
    log.section("Writable paths (\(CountText.number(roots.total)))")
    for root in roots.paths.prefix(ReportLimits.rootsInLog) {
      let preset = PresetRoots.preset(of: root, in: report.rootPresets).map { "\($0): " } ?? ""
      log.item(preset + DiagnosticText.quoted(root))
    }
    guard roots.total > ReportLimits.rootsInLog else { return }
    let more = CountText.number(roots.total - ReportLimits.rootsInLog)
    if roots.isTruncated {
      log.item(
        "… and \(more) more (the first \(CountText.number(roots.paths.count)) are in `report.toml`)"
      )
    } else {
      log.item("… and \(more) more (all in `report.toml`)")
    }
  }

  /// How the writable roots changed since the previous image.
  public func printDifference(_ difference: RootsDifference) {
    log.section("Since the previous image")
    if difference.isEmpty {
      log.item("The same writable paths")
    }
    printChanged(difference.added, as: "Now writable")
    printChanged(difference.removed, as: "No longer writable")
    if difference.isPartial {
      log.item("(only the first \(ReportLimits.rootsInImage) paths of each image are compared)")
    }
  }

  /// The first `ReportLimits.rootsInLog` roots of one side of the difference, then how many more.
  private func printChanged(_ roots: [String], as label: String) {
    for root in roots.prefix(ReportLimits.rootsInLog) {
      log.item("\(label): \(DiagnosticText.quoted(root))")
    }
    if roots.count > ReportLimits.rootsInLog {
      log.item(
        "… and \(CountText.number(roots.count - ReportLimits.rootsInLog)) more \(label.lowercased())"
      )
    }
  }

  /// One changed entry, for `BP_LOG_LEVEL=DEBUG`.
  public func printChange(path: String, from old: UInt32, to new: UInt32, reasons: ChangeReasons) {
    var notes: [String] = []
    if reasons.contains(.ancestorSearch) { notes.append("parent, group search") }
    if reasons.contains(.databaseDirectory) { notes.append("SQLite database directory") }
    if reasons.contains(.worldWriteRemoved) { notes.append("world write removed") }
    if reasons.contains(.groupWriteRemoved) { notes.append("outside the selection") }
    if reasons.contains(.aclWriteRemoved) { notes.append("ACL mask write removed") }
    if reasons.contains(.protectedWriteRemoved) {
      notes.append("setuid, setgid or capability file")
    }
    let note = notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))"
    log.item(
      "\(DiagnosticText.quoted(path)) \(CountText.mode(Int(old))) -> \(CountText.mode(Int(new)))\(note)"
    )
  }

  /// A progress line for a long walk.
  public func printProgress(scanned: Int, changed: Int, seconds: Double) {
    log.item(
      "Still walking: \(CountText.of(scanned, "entry", "entries")) scanned, "
        + "\(CountText.number(changed)) changed (\(BuildLog.duration(seconds)))")
  }
}

extension ReportPrinter {
  /// A finished run, the same for the build and `apply`: patterns, changes, roots and (for a build) what changed
  /// since the previous image. Warnings and the failure follow, printed by the caller.
  public func printRun(_ report: Report, difference: RootsDifference? = nil) {
    for made in report.made.elements {
      let created = "Created \(DiagnosticText.quoted(made.path + "/"))"
      log.item(
        made.first == made.path
          ? created
          : created
            + ", making the missing directories from \(DiagnosticText.quoted(made.first + "/"))")
    }
    if report.made.omitted > 0 {
      log.item("… and \(CountText.number(report.made.omitted)) more `create` directories")
    }
    printPatterns(report)
    printChanges(report)
    printRoots(report)
    if let difference { printDifference(difference) }
    if let audit = report.audit, !report.hasFailures {
      log.section("Audit: inspected \(CountText.of(audit.inspected, "entry", "entries"))")
      if !audit.hasFindings && audit.isComplete {
        log.item("No setuid/setgid executables, world-writable or foreign-owned entries")
      }
    }
  }
}

/// Progress lines and, with `BP_LOG_LEVEL=DEBUG`, every change, as the walk goes.
public final class LogOutput: ApplyOutput {
  private let printer: ReportPrinter
  /// Whether every change is printed.
  public let wantsEveryChange: Bool

  /// Output to `printer`; `debug` lists every change.
  public init(printer: ReportPrinter, debug: Bool) {
    self.printer = printer
    wantsEveryChange = debug
  }

  /// Prints a progress line.
  public func progress(scanned: Int, changed: Int, seconds: Double) {
    printer.printProgress(scanned: scanned, changed: changed, seconds: seconds)
  }

  /// Prints one change.
  public func changed(
    _ path: String, kind: FileKind, from old: UInt32, to new: UInt32, reasons: ChangeReasons
  ) {
    printer.printChange(path: path, from: old, to: new, reasons: reasons)
  }
}
