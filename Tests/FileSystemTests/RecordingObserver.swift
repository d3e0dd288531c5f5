import FileSystem

/// Records every walk event as text, for assertions.
final class RecordingObserver: WalkObserver {
  var selected: [String] = []
  var changed: [String] = []
  var skipped: [String] = []
  var failed: [String] = []
  var rootWithoutSearch: UInt32?
  var progress: [WalkProgress] = []

  private func text(_ path: UnsafeBufferPointer<UInt8>, _ kind: FileKind) -> String {
    String(decoding: path, as: UTF8.self) + (kind == .directory ? "/" : "")
  }

  func walkDidSelect(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind, isRoot: Bool, pattern: Int?) {
    selected.append(text(path, kind) + (isRoot ? " root" : ""))
  }

  func walkDidChange(
    _ path: UnsafeBufferPointer<UInt8>, kind: FileKind, from old: UInt32, to new: UInt32,
    reason: ChangeReason
  ) {
    changed.append("\(text(path, kind)) \(String(old, radix: 8))->\(String(new, radix: 8))")
  }

  func walkDidSkip(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind, reason: SkipReason) {
    skipped.append("\(text(path, kind)) \(reason)")
  }

  func walkDidFail(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind, failure: WalkFailure) {
    failed.append("\(text(path, kind)) \(failure)")
  }

  func walkFoundRootWithoutGroupSearch(permissions: UInt32) {
    rootWithoutSearch = permissions
  }

  func walkProgress(_ progress: WalkProgress) {
    self.progress.append(progress)
  }
}
