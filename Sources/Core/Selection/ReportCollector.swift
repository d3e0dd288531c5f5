import FileSystem

/// Observes a walk and fills a `SelectionReport`, forwarding events to the caller's callbacks.
///
/// A parallel walk has one collector per thread; `add(_:)` merges a helper's into the main one.
final class ReportCollector: WalkObserver {
  private var partial = SelectionReport()
  private var failures = SmallestElements<SelectionReport.Failure>(limit: SelectionReport.failureLimit)
  private let events: SelectionEvents

  init(events: SelectionEvents) {
    self.events = events
  }

  /// What was collected, failures in path order.
  var report: SelectionReport {
    var report = partial
    report.failures = failures.elements
    return report
  }

  /// Merges what a helper thread's collector saw.
  func add(_ helper: ReportCollector) {
    partial.roots.add(contentsOf: helper.partial.roots)
    partial.symbolicLinks.add(contentsOf: helper.partial.symbolicLinks)
    partial.specialFiles.add(contentsOf: helper.partial.specialFiles)
    partial.hardLinkedFiles.add(contentsOf: helper.partial.hardLinkedFiles)
    partial.setIDFiles.add(contentsOf: helper.partial.setIDFiles)
    partial.changedDuringWalk.add(contentsOf: helper.partial.changedDuringWalk)
    partial.ancestorsGranted.add(contentsOf: helper.partial.ancestorsGranted)
    partial.failuresTotal += helper.partial.failuresTotal
    for failure in helper.failures.elements { failures.insert(failure) }
    if partial.rootWithoutGroupSearch == nil {
      partial.rootWithoutGroupSearch = helper.partial.rootWithoutGroupSearch
    }
  }

  func walkDidSelect(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind, isRoot: Bool, pattern: Int?) {
    // Symlinks and special files are never made writable, so they are no writable roots.
    if isRoot && (kind == .directory || kind == .regular) {
      partial.roots.add(DisplayPath.relative(path, isDirectory: kind == .directory))
    }
    events.selected?(path, kind)
  }

  func walkDidChange(
    _ path: UnsafeBufferPointer<UInt8>, kind: FileKind, from old: UInt32, to new: UInt32,
    reason: ChangeReason
  ) {
    // Escaping costs as much as the path is long: only for what is kept or shown.
    let shown = { DisplayPath.relative(path, isDirectory: kind == .directory) }
    if reason == .ancestorSearch { partial.ancestorsGranted.add(shown()) }
    events.changed?(shown(), kind, old, new, reason)
  }

  func walkDidSkip(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind, reason: SkipReason) {
    let shown = { DisplayPath.relative(path, isDirectory: kind == .directory) }
    switch reason {
    case .symbolicLink: partial.symbolicLinks.add(shown())
    case .specialFile: partial.specialFiles.add(shown())
    case .hardLinked: partial.hardLinkedFiles.add(shown())
    case .setID: partial.setIDFiles.add(shown())
    case .vanished, .changedDuringWalk: partial.changedDuringWalk.add(shown())
    }
  }

  func walkDidFail(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind, failure: WalkFailure) {
    partial.failuresTotal += 1
    failures.insert(
      SelectionReport.Failure(
        path: DisplayPath.relative(path, isDirectory: kind == .directory), kind: kind, failure: failure))
  }

  func walkFoundRootWithoutGroupSearch(permissions: UInt32) {
    partial.rootWithoutGroupSearch = permissions
  }

  func walkProgress(_ progress: WalkProgress) {
    events.progress?(progress)
  }
}
