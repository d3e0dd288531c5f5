#if canImport(Glibc)
import Glibc
#endif
import FileSystem

/// Records the audit's findings (CBPP-0002 style) on every entry, after earlier handlers changed it: setuid and
/// setgid executables, world-writable entries, entries another user owns, and the directories it could not read.
final class AuditInspector: WalkHandler {
  /// What this thread's share of the walk found.
  private(set) var findings: AuditFindings

  init(userID: Int) {
    findings = AuditFindings(userID: userID)
  }

  func visit(_ entry: inout WalkEntry) -> DirectoryMarks {
    if entry.kind != .directory { inspect(&entry) }
    return []
  }

  func leave(_ directory: inout WalkEntry) {
    inspect(&directory)
  }

  func walkNoticed(
    _ incident: WalkIncident, at path: UnsafeBufferPointer<UInt8>, kind: FileKind, needed: Bool
  ) {
    switch incident {
    case .unreadable, .unreadableStatus:
      findings.unread.add(DisplayPath.relative(path, isDirectory: kind == .directory))
    case .vanished, .changedType:
      break
    }
  }

  private func inspect(_ entry: inout WalkEntry) {
    guard let status = try? entry.status() else { return }
    findings.inspected += 1
    let permissions = status.permissions
    let path = entry.path
    let shown = { DisplayPath.relative(path, isDirectory: status.kind == .directory) }
    if status.kind == .regular && permissions & (S_ISUID | S_ISGID) != 0 && permissions & 0o111 != 0 {
      findings.setIDExecutables.add(shown())
    }
    if status.kind != .symbolicLink && permissions & S_IWOTH != 0 {
      findings.worldWritable.add(shown())
    }
    if Int(status.userID) != findings.userID {
      findings.foreignOwned.add(shown())
      findings.noteOwner(Int(status.userID))
    }
  }
}
