#if canImport(Glibc)
  import Glibc
#endif

/// The user and groups this process runs as (numeric ids only: no NSS lookups in a static binary).
public struct ProcessIdentity: Sendable, Equatable {
  /// The effective user id.
  public let userID: uid_t
  /// The effective group id.
  public let groupID: gid_t
  /// The supplementary groups.
  public let supplementaryGroups: [gid_t]

  /// Creates an identity from its parts (used by tests).
  public init(userID: uid_t, groupID: gid_t, supplementaryGroups: [gid_t]) {
    self.userID = userID
    self.groupID = groupID
    self.supplementaryGroups = supplementaryGroups
  }

  /// This process's identity.
  public static func current() -> ProcessIdentity {
    let count = getgroups(0, nil)
    var groups = [gid_t](repeating: 0, count: Int(max(count, 0)))
    let filled = groups.withUnsafeMutableBufferPointer { buffer in
      getgroups(Int32(buffer.count), buffer.baseAddress)
    }
    return ProcessIdentity(
      userID: geteuid(), groupID: getegid(),
      supplementaryGroups: Array(groups.prefix(Int(max(filled, 0)))))
  }

  /// Whether the process is a member of `group`.
  public func isMember(of group: gid_t) -> Bool {
    groupID == group || supplementaryGroups.contains(group)
  }
}

extension FileDescriptor {
  /// `faccessat(self, name, W_OK, AT_EACCESS)`: whether this process (effective ids) may write `name`.
  public func checkWriteAccess(_ name: UnsafePointer<CChar>) throws(Errno) {
    _ = try retryingOnInterrupt { faccessat(rawValue, name, W_OK, AT_EACCESS) }.get()
  }
}
