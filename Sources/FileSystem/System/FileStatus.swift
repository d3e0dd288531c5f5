import CSystemShims

#if canImport(Glibc)
  import Glibc
#endif

/// The parts of `struct stat` the walker needs.
public struct FileStatus: Sendable, Equatable {
  /// The full `st_mode` (type and permission bits).
  public let mode: mode_t
  /// The owner's user id.
  public let userID: uid_t
  /// The owning group's id.
  public let groupID: gid_t
  /// The number of hard links.
  public let linkCount: UInt64
  /// The device the inode lives on.
  public let device: UInt64
  /// The inode number.
  public let inode: UInt64
  /// The size in bytes.
  public let size: Int
  /// Whether the entry is the root of a mount (a bind mount, a volume); false where the kernel does not say.
  public let isMountRoot: Bool

  /// Creates a status from its parts (used by tests and fakes).
  public init(
    mode: mode_t, userID: uid_t, groupID: gid_t, linkCount: UInt64 = 1, device: UInt64 = 0,
    inode: UInt64 = 0, size: Int = 0, isMountRoot: Bool = false
  ) {
    self.mode = mode
    self.userID = userID
    self.groupID = groupID
    self.linkCount = linkCount
    self.device = device
    self.inode = inode
    self.size = size
    self.isMountRoot = isMountRoot
  }

  init(_ raw: gw_file_status) {
    self.init(
      mode: mode_t(raw.mode), userID: uid_t(raw.uid), groupID: gid_t(raw.gid),
      linkCount: UInt64(raw.link_count),
      device: UInt64(raw.device), inode: UInt64(raw.inode), size: Int(raw.size),
      isMountRoot: raw.mount_root == 1)
  }

  /// The entry's type.
  public var kind: FileKind { FileKind(mode: mode) }

  /// The permission bits, including setuid, setgid and sticky (`mode & 07777`).
  public var permissions: mode_t { mode & 0o7777 }

  /// Whether anyone may rename entries in this directory: world-writable without the sticky bit.
  public var letsOthersRenameEntries: Bool {
    permissions & S_IWOTH != 0 && permissions & S_ISVTX == 0
  }

  /// The same status with other permission bits (after a change).
  public func with(permissions: mode_t) -> FileStatus {
    FileStatus(
      mode: (mode & ~0o7777) | (permissions & 0o7777), userID: userID, groupID: groupID,
      linkCount: linkCount, device: device, inode: inode, size: size, isMountRoot: isMountRoot)
  }

  /// Whether `other` describes the same inode, of the same type and link count.
  public func isSameEntry(as other: FileStatus) -> Bool {
    device == other.device && inode == other.inode && kind == other.kind
      && linkCount == other.linkCount
  }
}
