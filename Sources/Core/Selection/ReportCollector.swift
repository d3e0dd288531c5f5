import FileSystem

/// Observes a walk and fills a `SelectionReport`, forwarding events to the caller's callbacks.
final class ReportCollector: WalkObserver {
  private(set) var report = SelectionReport()
  private let events: SelectionEvents

  init(events: SelectionEvents) {
    self.events = events
  }

  func walkDidSelect(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind, isRoot: Bool, pattern: Int?) {
    // Symlinks and special files are never made writable, so they are no writable roots.
    if isRoot && (kind == .directory || kind == .regular) {
      report.roots.add(DisplayPath.relative(path, isDirectory: kind == .directory))
    }
    events.selected?(path, kind)
  }

  func walkDidChange(
    _ path: UnsafeBufferPointer<UInt8>, kind: FileKind, from old: UInt32, to new: UInt32,
    reason: ChangeReason
  ) {
    // Escaping costs as much as the path is long: only for what is kept or shown.
    let shown = { DisplayPath.relative(path, isDirectory: kind == .directory) }
    if reason == .ancestorSearch { report.ancestorsGranted.add(shown()) }
    events.changed?(shown(), kind, old, new, reason)
  }

  func walkDidSkip(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind, reason: SkipReason) {
    let shown = { DisplayPath.relative(path, isDirectory: kind == .directory) }
    switch reason {
    case .symbolicLink: report.symbolicLinks.add(shown())
    case .specialFile: report.specialFiles.add(shown())
    case .hardLinked: report.hardLinkedFiles.add(shown())
    case .setID: report.setIDFiles.add(shown())
    case .vanished, .changedDuringWalk: report.changedDuringWalk.add(shown())
    }
  }

  func walkDidFail(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind, failure: WalkFailure) {
    report.failuresTotal += 1
    guard report.failures.count < SelectionReport.failureLimit else { return }
    report.failures.append(
      SelectionReport.Failure(
        path: DisplayPath.relative(path, isDirectory: kind == .directory), kind: kind, failure: failure))
  }

  func walkFoundRootWithoutGroupSearch(permissions: UInt32) {
    report.rootWithoutGroupSearch = permissions
  }

  func walkProgress(_ progress: WalkProgress) {
    events.progress?(progress)
  }
}
