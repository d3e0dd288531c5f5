import CSystemShims

#if canImport(Glibc)
  import Glibc
#endif

/// Why a mode change did not happen.
public enum ModeChangeError: Error, Sendable, Equatable {
  /// The name now refers to another entry than the one inspected (renamed, replaced, or now a symlink).
  case replaced
  /// The entry is gone.
  case vanished
  /// The kernel refused (`EPERM`, `EROFS`, ...).
  case refused(Errno)
}

/// Changes permission bits of walked entries; the real one calls the kernel, the dry run does nothing, tests fake it.
/// Each also reads extended attributes the way it would change the entry.
public protocol PermissionChanging: ExtendedAccessReading {
  /// Whether the changes are made by a process that may change files it does not own (root, `CAP_FOWNER`):
  /// then nothing found where another user could have put it is granted.
  var isPrivileged: Bool { get }

  /// Changes the permission bits of `entry`, which `expected` describes (the status its new mode was computed
  /// from), to `mode`.
  func changeMode(of entry: WalkEntry, expected: FileStatus, to mode: mode_t)
    throws(ModeChangeError)

  /// Closes a directory the walk is entering, which `status` describes, to group and others' write until it is
  /// left, where that lets its entries be changed by name; returns the bits it now has (nil: left as it was).
  func holdClosed(_ directory: WalkEntry, status: FileStatus) -> mode_t?
}

/// Changes permission bits for real, always on the entry that was inspected.
///
/// A directory the walk opened is changed through its descriptor (`fchmod`); an owned one may first be held
/// closed to group and others while the walk is inside it (`holdClosed`, where the policy asks). Any other entry
/// is opened as an `O_PATH` handle (which opens nothing: FIFOs and devices stay shut), checked to be the
/// inspected inode (device, inode, type, link count and mode), and changed through the handle. Only where nobody
/// but this process's user can rename entries of the parent directory (an unprivileged process, the parent owned
/// by it and writable by neither group nor others) is the name used directly (`fchmodat2(AT_SYMLINK_NOFOLLOW)`): a
/// swap there could only redirect the change to another file of the same user, who may change it anyway. See
/// SECURITY.md.
public struct SystemPermissionChanger: PermissionChanging {
  /// Whether this process may change files it does not own (root, or `CAP_FOWNER`): then names are never trusted.
  public let isPrivileged: Bool
  /// The effective user id.
  public let userID: uid_t

  /// The changer for this process.
  public init() {
    let userID = geteuid()
    self.init(privileged: userID == 0 || gw_has_effective_capability(3) != 0)
  }

  /// A changer that treats the process as privileged or not (`privileged: true` never trusts a name; benchmarks
  /// use it to measure the checked path).
  public init(privileged: Bool) {
    userID = geteuid()
    isPrivileged = privileged
  }

  /// Reads `entry`'s ACLs and capabilities: by name in an unprivileged run, through a checked handle in a
  /// privileged one (SECURITY.md says why a name is enough when the change itself can only touch own files).
  public func extendedAccess(
    of entry: inout WalkEntry, expected: FileStatus
  ) throws(ModeChangeError) -> ExtendedAccess {
    try SystemExtendedAccessReader(readsByName: !isPrivileged).extendedAccess(
      of: &entry, expected: expected)
  }

  /// Changes `entry` through its descriptor, by name where that is safe, or through a checked handle.
  public func changeMode(of entry: WalkEntry, expected: FileStatus, to mode: mode_t)
    throws(ModeChangeError)
  {
    if let directory = entry.directory {
      do { try directory.changeMode(to: mode) } catch { throw .refused(error) }
      return
    }
    if mayUseName(entry) {
      do {
        try entry.parent.changeMode(of: entry.name, to: mode)
        return
      } catch {
        switch error.rawValue {
        case ENOSYS: break
        case ENOENT: throw .vanished
        case EOPNOTSUPP, ELOOP: throw .replaced
        default: throw .refused(error)
        }
      }
    }
    try changeThroughHandle(entry, expected: expected, to: mode)
  }

  /// Removes group and world write from an owned directory the walk enters (`fchmod` of its descriptor), so that
  /// only this user can rename its entries while they are changed by name; the leave gives its final mode. Not
  /// in a privileged run, which never trusts a name. See SECURITY.md.
  public func holdClosed(_ directory: WalkEntry, status: FileStatus) -> mode_t? {
    let open = status.permissions & (S_IWGRP | S_IWOTH)
    guard !isPrivileged, open != 0, status.userID == userID, let descriptor = directory.directory
    else { return nil }
    let held = status.permissions & ~open
    do { try descriptor.changeMode(to: held) } catch { return nil }
    return held
  }

  /// Whether only this process's user can rename entries of the entry's parent, so its name may be trusted.
  public func mayUseName(_ entry: WalkEntry) -> Bool {
    guard !isPrivileged, let parent = entry.parentStatus else { return false }
    return parent.userID == userID && parent.permissions & (S_IWGRP | S_IWOTH) == 0
  }

  private func changeThroughHandle(
    _ entry: WalkEntry, expected: FileStatus, to mode: mode_t
  ) throws(ModeChangeError) {
    let handle: FileDescriptor
    if let opened = entry.pathHandle {
      handle = opened
    } else {
      do {
        handle = try entry.parent.openPathHandle(entry.name)
      } catch {
        throw error == .noSuchFileOrDirectory ? .vanished : .refused(error)
      }
    }
    defer { if entry.pathHandle == nil { handle.close() } }
    let current: FileStatus
    do { current = try handle.status() } catch { throw .refused(error) }
    guard current.isSameEntry(as: expected), current.mode == expected.mode,
      current.kind != .symbolicLink
    else { throw .replaced }
    do { try handle.changeModeOfHandle(to: mode) } catch { throw .refused(error) }
  }
}

/// Changes nothing: for `--dry-run`, where the walk still reports what it would change.
public struct DryRunPermissionChanger: PermissionChanging {
  /// Whether a real run would be privileged (so the dry run decides as it would).
  public let isPrivileged: Bool

  /// Creates the dry-run changer.
  public init() {
    isPrivileged = SystemPermissionChanger().isPrivileged
  }

  /// Reads `entry`'s ACLs and capabilities as the real run would.
  public func extendedAccess(
    of entry: inout WalkEntry, expected: FileStatus
  ) throws(ModeChangeError) -> ExtendedAccess {
    try SystemExtendedAccessReader(readsByName: !isPrivileged).extendedAccess(
      of: &entry, expected: expected)
  }

  /// Does nothing.
  public func changeMode(of entry: WalkEntry, expected: FileStatus, to mode: mode_t)
    throws(ModeChangeError)
  {}

  /// Holds nothing closed.
  public func holdClosed(_ directory: WalkEntry, status: FileStatus) -> mode_t? { nil }
}
