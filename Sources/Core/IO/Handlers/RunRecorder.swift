import FileSystem
import Synchronization

/// What one walking thread's handlers saw and did; merged into the run's report after the walk.
final class RunRecorder {
  /// Roots, counts, changes, failures and audit findings of this thread's share of the walk.
  var report = Report()
  /// Changes made so far by every thread, for progress lines.
  let changesSoFar: ChangeCounter

  init(changesSoFar: ChangeCounter) {
    self.changesSoFar = changesSoFar
  }

  /// Adds another thread's share.
  func add(_ other: RunRecorder) {
    let theirs = other.report
    report.roots.add(contentsOf: theirs.roots)
    report.failures.add(contentsOf: theirs.failures)
    report.changes.add(theirs.changes)
    report.counts.add(theirs.counts)
    if report.rootWithoutGroupSearch == nil {
      report.rootWithoutGroupSearch = theirs.rootWithoutGroupSearch
    }
    if report.appDirectory == nil { report.appDirectory = theirs.appDirectory }
  }
}

/// Mode changes counted across threads (relaxed: only progress lines read it while the walk runs).
final class ChangeCounter: Sendable {
  private let count = Atomic<Int>(0)

  /// Counts one change.
  func increment() { count.wrappingAdd(1, ordering: .relaxed) }

  /// The changes so far.
  var value: Int { count.load(ordering: .relaxed) }
}

extension ReportCounts {
  /// Adds another thread's counts (the walk's own numbers are set from its summary afterwards).
  mutating func add(_ other: ReportCounts) {
    directoriesChanged += other.directoriesChanged
    filesChanged += other.filesChanged
    ancestorsChanged += other.ancestorsChanged
    alreadyWritable += other.alreadyWritable
    skipped += other.skipped
    failed += other.failed
    worldWriteRemoved += other.worldWriteRemoved
    groupWriteRemoved += other.groupWriteRemoved
    databaseDirectories += other.databaseDirectories
    entriesChanged += other.entriesChanged
  }
}
