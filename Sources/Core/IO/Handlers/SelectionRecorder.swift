import FileSystem

/// Records what the walk itself found: the writable roots, the parts it could not read or that changed under
/// it, and progress.
final class SelectionRecorder: WalkHandler {
  private let recorder: RunRecorder
  private weak var output: (any ApplyOutput)?

  init(recorder: RunRecorder, output: (any ApplyOutput)?) {
    self.recorder = recorder
    self.output = output
  }

  func visit(_ entry: inout WalkEntry) -> DirectoryMarks {
    // Symlinks and special files are never made writable, so they are no writable roots.
    if case .root = entry.selection, entry.kind == .directory || entry.kind == .regular {
      recorder.report.roots.add(
        DisplayPath.relative(entry.path, isDirectory: entry.kind == .directory))
    }
    if entry.selection.isSelected, let output, output.wantsEverySelection {
      output.selected(entry.path, kind: entry.kind)
    }
    return []
  }

  func leave(_ directory: inout WalkEntry) {
    guard directory.isAppRoot, let status = try? directory.status() else { return }
    recorder.report.appDirectory = AppDirectoryFacts(
      owner: Int(status.userID), group: Int(status.groupID), modeBefore: Int(status.permissions),
      modeAfter: Int(status.permissions))
  }

  func walkNoticed(
    _ incident: WalkIncident, at path: UnsafeBufferPointer<UInt8>, kind: FileKind, needed: Bool
  ) {
    let shown = DisplayPath.relative(path, isDirectory: kind == .directory)
    switch incident {
    case .vanished, .changedType:
      if needed { recorder.report.changes.changedDuringWalk.add(shown) }
    case .unreadable(let error) where needed:
      recorder.report.failures.add(
        EntryFailure(path: shown, cause: .cannotReadDirectory(errno: error.rawValue)))
    case .unreadableStatus(let error) where needed:
      recorder.report.failures.add(
        EntryFailure(path: shown, cause: .cannotReadStatus(errno: error.rawValue)))
    case .unreadable, .unreadableStatus:
      recorder.report.changes.unread.add(shown)
    case .otherFileSystem:
      recorder.report.changes.otherFileSystems.add(shown)
    }
  }

  func walkProgress(_ progress: WalkProgress) {
    output?.progress(
      scanned: progress.scanned, changed: recorder.changesSoFar.value,
      seconds: progress.elapsedSeconds)
  }
}
