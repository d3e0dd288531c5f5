#if canImport(Glibc)
import Glibc
#endif
import FileSystem

/// Observes an inspecting walk and records audit findings.
final class AuditCollector: WalkObserver {
  private(set) var report: AuditReport

  init(userID: uid_t) {
    report = AuditReport(userID: userID)
  }

  func walkDidInspect(_ path: UnsafeBufferPointer<UInt8>, status: FileStatus) {
    report.inspected += 1
    let kind = status.kind
    let permissions = status.permissions
    let shown = { DisplayPath.relative(path, isDirectory: kind == .directory) }
    if kind == .regular && permissions & (S_ISUID | S_ISGID) != 0 && permissions & 0o111 != 0 {
      report.setIDExecutables.add(shown())
    }
    if kind != .symbolicLink && permissions & S_IWOTH != 0 {
      report.worldWritable.add(shown())
    }
    if status.userID != report.userID {
      report.foreignOwned.add(shown())
      if report.foreignOwners.count < 5 && !report.foreignOwners.contains(status.userID) {
        report.foreignOwners.append(status.userID)
      }
    }
  }

  func walkDidSelect(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind, isRoot: Bool, pattern: Int?) {}
  func walkDidChange(
    _ path: UnsafeBufferPointer<UInt8>, kind: FileKind, from old: mode_t, to new: mode_t,
    reason: ChangeReason
  ) {}
  func walkDidSkip(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind, reason: SkipReason) {}
  func walkDidFail(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind, failure: WalkFailure) {}
  func walkFoundRootWithoutGroupSearch(permissions: mode_t) {}
  func walkProgress(_ progress: WalkProgress) {}
}
