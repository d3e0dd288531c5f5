import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

/// Gives entries the permission bits `ModePolicy` decides, through the `PermissionChanging` it is given, and
/// records what it did, skipped or could not do.
///
/// Files are changed when visited; directories when left, after everything inside them, so a directory becomes
/// group-writable only once its contents are done (nobody else can rename entries in it meanwhile) and so what
/// its entries showed (a selected entry below, a database in it) decides its mode once. An owned directory that
/// arrived with a write the policy takes from entries (`ModePolicy.holdsDirectory`) is held closed to group and
/// others from the visit to the leave, so its entries can be changed by name; the leave gives it the mode decided
/// from how it arrived (or gives that mode back).
final class PermissionApplier: WalkHandler {
  private let policy: ModePolicy
  private let changer: any PermissionChanging
  private let recorder: RunRecorder
  private let buildUserID: uid_t
  private weak var output: (any ApplyOutput)?
  /// `output`'s answer, asked once: a weak reference costs an atomic load on every change.
  private let wantsEveryChange: Bool

  init(
    policy: ModePolicy, changer: any PermissionChanging, recorder: RunRecorder, buildUserID: uid_t,
    output: (any ApplyOutput)?
  ) {
    self.policy = policy
    self.changer = changer
    self.recorder = recorder
    self.buildUserID = buildUserID
    self.output = output
    wantsEveryChange = output?.wantsEveryChange ?? false
  }

  func visit(_ entry: inout WalkEntry) -> DirectoryMarks {
    if entry.kind != .directory {
      apply(&entry)
    } else if entry.directory != nil, let status = try? entry.status(),
      policy.holdsDirectory(arrivedWith: status.permissions)
    {
      entry.heldPermissions = changer.holdClosed(entry, status: status)
    }
    return []
  }

  func leave(_ directory: inout WalkEntry) {
    apply(&directory)
    if let held = directory.heldPermissions { release(directory, held: held) }
  }

  /// Gives a directory held closed since its visit, and not changed at its leave, its mode back.
  private func release(_ directory: WalkEntry, held: mode_t) {
    var entry = directory
    guard let status = try? entry.status(), status.permissions != held else { return }
    do {
      try changer.changeMode(of: entry, expected: status, to: status.permissions)
    } catch {
      if case .refused(let errno) = error {
        fail(
          entry,
          .cannotChangeMode(
            errno: errno.rawValue, owner: Int(status.userID), buildUser: Int(buildUserID)))
      }
    }
  }

  private func apply(_ entry: inout WalkEntry) {
    defer {
      entry.pathHandle?.close()
      entry.pathHandle = nil
    }
    var isSelected = entry.selection.isSelected
    if isSelected && entry.reachedThroughOpenDirectory && changer.isPrivileged {
      // Another user could have moved anything to this name: grant nothing here (world write still goes).
      skip(entry, .reachedThroughOpenDirectory)
      isSelected = false
    }
    guard isSelected || entry.kind == .directory || policy.changesUnselectedEntries else { return }
    let status: FileStatus
    do {
      status = try entry.status()
    } catch {
      if isSelected { noteUnreadable(entry, error) }
      return
    }
    guard entry.kind == .unknown || status.kind == entry.kind else {
      if isSelected { skip(entry, .changedDuringWalk) }
      return
    }
    if status.isMountRoot && !entry.isAppRoot {
      // A file (or unopened directory) mounted here from elsewhere: not the app's to change.
      recorder.report.changes.otherFileSystems.add(shown(entry))
      return
    }
    var policyEntry = PolicyEntry(
      kind: status.kind, permissions: status.permissions, linkCount: status.linkCount,
      isSelected: isSelected, isAppRoot: entry.isAppRoot, marks: entry.marks)
    var decision = policy.decide(policyEntry)
    if ModePolicy.needsExtendedAccess(kind: status.kind, decision: decision) {
      guard let access = readExtendedAccess(&entry, status: status, isSelected: isSelected) else {
        return
      }
      if access != .none {
        policyEntry.access = access
        decision = policy.decide(policyEntry)
        noteExtendedAccess(entry, access: access, decision: decision, owned: owns(status))
      }
    }
    note(entry, status: status, decision: decision)
    guard decision.changes else { return }
    guard owns(status) else {
      leaveToPlatform(entry, status: status, decision: decision)
      return
    }
    do {
      if entry.heldPermissions != decision.permissions {
        try changer.changeMode(of: entry, expected: status, to: decision.permissions)
      }
    } catch {
      entry.heldPermissions = nil  // reported below; giving the held mode back would fail alike
      switch error {
      case .replaced, .vanished: if isSelected { skip(entry, .changedDuringWalk) }
      case .refused(let errno):
        fail(
          entry,
          .cannotChangeMode(
            errno: errno.rawValue, owner: Int(status.userID), buildUser: Int(buildUserID)))
      }
      return
    }
    entry.heldPermissions = nil
    entry.noteChange(to: decision.permissions)
    if entry.isAppRoot { noteAppDirectory(status, after: decision.permissions) }
    record(entry, status: status, decision: decision)
  }

  /// The entry's ACL and capabilities, kept on the entry for the audit; nil when the entry is to be left alone
  /// (it vanished or changed, or a selected entry's could not be read).
  private func readExtendedAccess(_ entry: inout WalkEntry, status: FileStatus, isSelected: Bool)
    -> ExtendedAccess?
  {
    do {
      let access = try changer.extendedAccess(of: &entry, expected: status)
      entry.extendedAccess = access
      return access
    } catch {
      switch error {
      case .replaced, .vanished:
        if isSelected { skip(entry, .changedDuringWalk) }
        return nil
      case .refused(let errno):
        guard !isSelected else {
          fail(entry, .cannotReadAttributes(errno: errno.rawValue))
          return nil
        }
        recorder.report.changes.attributesUnread.add(shown(entry))
        return ExtendedAccess.none
      }
    }
  }

  /// What an entry's ACL and capabilities mean for the report, beyond the decision's own reasons.
  private func noteExtendedAccess(
    _ entry: WalkEntry, access: ExtendedAccess, decision: ModeDecision, owned: Bool
  ) {
    if access.hasDefaultACL && decision.permissions & S_IWGRP != 0 {
      recorder.report.changes.defaultACLDirectories.add(shown(entry))
    }
    if access.namedWrite && (decision.permissions & S_IWGRP != 0 || !owned) {
      recorder.report.changes.aclWriteKept.add(shown(entry))
    }
  }

  private func noteAppDirectory(_ status: FileStatus, after permissions: mode_t) {
    recorder.report.appDirectory = AppDirectoryFacts(
      owner: Int(status.userID), group: Int(status.groupID), modeBefore: Int(status.permissions),
      modeAfter: Int(permissions))
  }

  /// What the decision says besides a change: skips, bits already there, the app directory without search,
  /// group write outside the selection, selected files in closed directories.
  private func note(_ entry: WalkEntry, status: FileStatus, decision: ModeDecision) {
    let isSelected = entry.selection.isSelected
    if isSelected, let reason = decision.skip {
      skip(entry, reason)
    } else if isSelected && !decision.reasons.contains(.granted) {
      recorder.report.counts.alreadyWritable += 1
    }
    if entry.isAppRoot && !isSelected && entry.marks.contains(.leadsToSelection)
      && status.permissions & S_IXGRP == 0
    {
      recorder.report.rootWithoutGroupSearch = Int(status.permissions)
    }
    let ordinary = status.kind == .directory || status.kind == .regular
    if !isSelected && ordinary && !policy.removesGroupWriteOutside
      && decision.permissions & S_IWGRP != 0
      && !decision.reasons.contains(.databaseDirectory)
    {
      recorder.report.changes.groupWritableOutside.add(
        path: entry.path, isDirectory: entry.kind == .directory)
    }
    if entry.marks.contains(.holdsSelectedFile)
      && decision.permissions & (S_IWGRP | S_IXGRP) != S_IWGRP | S_IXGRP
    {
      recorder.report.changes.closedDirectories.add(shown(entry))
    }
  }

  /// The counts and samples of a change that was made. The display path (escaping costs as much as the path is
  /// long) is made only for what a sample or the DEBUG listing may keep, not for a plain grant.
  private func record(_ entry: WalkEntry, status: FileStatus, decision: ModeDecision) {
    let reasons = decision.reasons
    recorder.report.counts.entriesChanged += 1
    if reasons.contains(.granted) {
      if status.kind == .directory {
        recorder.report.counts.directoriesChanged += 1
      } else {
        recorder.report.counts.filesChanged += 1
      }
    }
    recorder.changesSoFar.increment()
    guard reasons != .granted || wantsEveryChange else { return }
    let (from, to) = (Int(status.permissions), Int(decision.permissions))
    let isDirectory = entry.kind == .directory
    if reasons.contains(.ancestorSearch) {
      recorder.report.counts.ancestorsChanged += 1
      recorder.report.changes.ancestorsGranted.add(path: entry.path, isDirectory: isDirectory)
    }
    if reasons.contains(.worldWriteRemoved) {
      recorder.report.counts.worldWriteRemoved += 1
      recorder.report.changes.worldWriteRemoved.add(
        path: entry.path, isDirectory: isDirectory, from: from, to: to)
    }
    if reasons.contains(.groupWriteRemoved) {
      recorder.report.counts.groupWriteRemoved += 1
      recorder.report.changes.groupWriteRemoved.add(
        path: entry.path, isDirectory: isDirectory, from: from, to: to)
    }
    if reasons.contains(.aclWriteRemoved) {
      recorder.report.changes.aclWriteRemoved.add(
        path: entry.path, isDirectory: isDirectory, from: from, to: to)
    }
    if reasons.contains(.protectedWriteRemoved) {
      recorder.report.changes.protectedWriteRemoved.add(
        path: entry.path, isDirectory: isDirectory, from: from, to: to)
    }
    if reasons.contains(.databaseDirectory) {
      recorder.report.counts.databaseDirectories += 1
      recorder.report.changes.databaseDirectories.add(
        path: entry.path, isDirectory: isDirectory, from: from, to: to)
    }
    if wantsEveryChange, let output {
      output.changed(
        shown(entry), kind: status.kind, from: status.permissions, to: decision.permissions,
        reasons: reasons)
    }
  }

  /// An entry another user owns: fine when it already has what it needs (the rest stays as the platform made it);
  /// a failure when the selection needs bits it lacks.
  private func leaveToPlatform(_ entry: WalkEntry, status: FileStatus, decision: ModeDecision) {
    let wanted = ModeChange(
      path: shown(entry), from: Int(status.permissions), to: Int(decision.permissions))
    if decision.hasRequiredBits {
      recorder.report.changes.keptByPlatform.add(wanted)
      recorder.report.changes.noteOwner(Int(status.userID))
    } else if decision.reasons == [.databaseDirectory]
      || decision.reasons == [.databaseDirectory, .worldWriteRemoved]
    {
      recorder.report.changes.closedDatabaseDirectories.add(wanted.path)
    } else {
      fail(entry, .notOwned(owner: Int(status.userID), buildUser: Int(buildUserID)))
    }
  }

  private func owns(_ status: FileStatus) -> Bool {
    buildUserID == 0 || status.userID == buildUserID
  }

  private func shown(_ entry: WalkEntry) -> String {
    DisplayPath.relative(entry.path, isDirectory: entry.kind == .directory)
  }

  private func skip(_ entry: WalkEntry, _ reason: SkipReason) {
    recorder.report.counts.skipped += 1
    let path = shown(entry)
    switch reason {
    case .symbolicLink: recorder.report.changes.symbolicLinks.add(path)
    case .specialFile: recorder.report.changes.specialFiles.add(path)
    case .hardLinked: recorder.report.changes.hardLinkedFiles.add(path)
    case .setID: recorder.report.changes.setIDFiles.add(path)
    case .vanished, .changedDuringWalk: recorder.report.changes.changedDuringWalk.add(path)
    case .reachedThroughOpenDirectory: recorder.report.changes.reachedThroughOpenDirectory.add(path)
    case .capabilities: recorder.report.changes.capabilityFiles.add(path)
    case .accessControlList: recorder.report.changes.aclEntries.add(path)
    }
  }

  private func noteUnreadable(_ entry: WalkEntry, _ error: Errno) {
    if error == .noSuchFileOrDirectory {
      skip(entry, .vanished)
    } else {
      fail(entry, .cannotReadStatus(errno: error.rawValue))
    }
  }

  private func fail(_ entry: WalkEntry, _ cause: EntryFailure.Cause) {
    recorder.report.counts.failed += 1
    recorder.report.failures.add(EntryFailure(path: shown(entry), cause: cause))
  }
}
