import CSystemShims

#if canImport(Glibc)
  import Glibc
#endif

/// What an entry's extended attributes grant beside its mode bits: a POSIX ACL and file capabilities.
///
/// With an extended access ACL the group bits of the mode are the ACL's *mask*: `chmod g+w` raises the mask, and
/// every named user and group whose entry has `w` may then write.
public struct ExtendedAccess: Sendable, Equatable {
  /// Whether the entry has an extended access ACL (named users or groups and a mask).
  public var hasAccessACL = false
  /// Whether that ACL names a user (not the owner) or a group (not the owning group) with write.
  public var namedWrite = false
  /// Whether a directory has a default ACL, which new entries in it inherit.
  public var hasDefaultACL = false
  /// Whether a file carries capabilities (`security.capability`), raised whenever anyone runs it.
  public var hasCapabilities = false

  /// Creates a description; the default is an entry with none of these.
  public init(
    hasAccessACL: Bool = false, namedWrite: Bool = false, hasDefaultACL: Bool = false,
    hasCapabilities: Bool = false
  ) {
    self.hasAccessACL = hasAccessACL
    self.namedWrite = namedWrite
    self.hasDefaultACL = hasDefaultACL
    self.hasCapabilities = hasCapabilities
  }

  /// An entry with no ACL and no capabilities.
  public static let none = ExtendedAccess()

  /// The attribute holding the access ACL.
  public static let accessACLName = "system.posix_acl_access"

  /// `AttributeSource.decidingAttributes()`' bit of the access ACL (`system.posix_acl_access`).
  static let accessACLBit = UInt32(GW_ACCESS_ACL)
  /// Its bit of a default ACL (`system.posix_acl_default`).
  static let defaultACLBit = UInt32(GW_DEFAULT_ACL)
  /// Its bit of file capabilities (`security.capability`).
  static let capabilitiesBit = UInt32(GW_CAPABILITIES)

  /// Whether the ACL in `value` (the kernel's `posix_acl_xattr` layout: a version, then `tag, perm, id` records)
  /// lets a user other than `owner` or a group other than `group` write; malformed data counts as granting it.
  public static func aclGrantsNamedWrite(_ value: [UInt8], owner: uid_t, group: gid_t) -> Bool {
    let header = 4
    let record = 8
    guard value.count >= header, (value.count - header) % record == 0 else { return true }
    guard littleEndian(value, at: 0, width: 4) == 2 else { return true }
    var offset = header
    while offset < value.count {
      let tag = littleEndian(value, at: offset, width: 2)
      let permissions = littleEndian(value, at: offset + 2, width: 2)
      let id = littleEndian(value, at: offset + 4, width: 4)
      offset += record
      guard permissions & 2 != 0 else { continue }
      if tag == 0x02 && id != UInt32(owner) { return true }
      if tag == 0x08 && id != UInt32(group) { return true }
    }
    return false
  }

  private static func littleEndian(_ bytes: [UInt8], at offset: Int, width: Int) -> UInt32 {
    var value: UInt32 = 0
    for index in (0..<width).reversed() { value = value << 8 | UInt32(bytes[offset + index]) }
    return value
  }
}
