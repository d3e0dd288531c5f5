import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

/// Records the audit's findings (CBPP-0002 style) on every entry, after earlier handlers changed it: setuid and
/// setgid executables, world-writable entries, entries another user owns, and the directories it could not read;
/// for entries others may write, also an ACL that lets named users write and file capabilities.
final class AuditInspector: WalkHandler {
  /// What this thread's share of the walk found.
  private(set) var findings: AuditFindings
  private let reader: any ExtendedAccessReading

  init(userID: Int, reader: any ExtendedAccessReading) {
    findings = AuditFindings(userID: userID)
    self.reader = reader
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
    case .otherFileSystem:
      findings.otherFileSystems.add(DisplayPath.relative(path, isDirectory: kind == .directory))
    case .vanished, .changedType:
      break
    }
  }

  private func inspect(_ entry: inout WalkEntry) {
    guard let status = try? entry.status() else { return }
    if status.isMountRoot && !entry.isAppRoot {
      findings.otherFileSystems.add(
        DisplayPath.relative(entry.path, isDirectory: status.kind == .directory))
      return
    }
    findings.inspected += 1
    let permissions = status.permissions
    let path = entry.path
    let shown = { DisplayPath.relative(path, isDirectory: status.kind == .directory) }
    if status.kind == .regular && permissions & (S_ISUID | S_ISGID) != 0 && permissions & 0o111 != 0
    {
      findings.setIDExecutables.add(shown())
    }
    if status.kind != .symbolicLink && permissions & S_IWOTH != 0 {
      findings.worldWritable.add(shown())
    }
    if Int(status.userID) != findings.userID {
      findings.foreignOwned.add(shown())
      findings.noteOwner(Int(status.userID))
    }
    let othersMayWrite = permissions & (S_IWGRP | S_IWOTH) != 0
    guard othersMayWrite && (status.kind == .regular || status.kind == .directory) else { return }
    let access: ExtendedAccess
    if let known = entry.extendedAccess {
      access = known
    } else {
      defer {
        entry.pathHandle?.close()
        entry.pathHandle = nil
      }
      do { access = try reader.extendedAccess(of: &entry, expected: status) } catch {
        if case .refused = error { findings.unreadAttributes.add(shown()) }
        return
      }
    }
    if access.namedWrite && permissions & S_IWGRP != 0 { findings.aclWritable.add(shown()) }
    if access.hasCapabilities { findings.writableCapabilityFiles.add(shown()) }
    if access.hasDefaultACL && permissions & S_IWGRP != 0 {
      findings.defaultACLDirectories.add(shown())
    }
  }
}
