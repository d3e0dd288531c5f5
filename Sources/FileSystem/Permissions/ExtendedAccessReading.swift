import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Reads an entry's ACLs and capabilities (`ExtendedAccess`); the real one asks the kernel, tests fake it.
public protocol ExtendedAccessReading: Sendable {
  /// What the extended attributes of `entry`, which `expected` describes, grant; a reader that opens a checked
  /// handle on the entry leaves it in `entry.pathHandle` for the change that follows (the caller closes it).
  func extendedAccess(of entry: inout WalkEntry, expected: FileStatus) throws(ModeChangeError)
    -> ExtendedAccess
}

/// Reads extended attributes of the entry that was inspected.
///
/// A directory the walk opened is read through its descriptor. Another entry is read by name
/// (`listxattrat(AT_SYMLINK_NOFOLLOW)`) when `readsByName`; otherwise through an `O_PATH` handle checked
/// to be the inspected inode, as `/proc/self/fd/N`. Without `/proc`, the name is read and the handle's identity
/// checked again afterwards (SECURITY.md).
public struct SystemExtendedAccessReader: ExtendedAccessReading {
  /// Whether the entry's name may be used to read its attributes.
  let readsByName: Bool

  /// A reader that reads a non-directory by name (an unprivileged run), or through a checked handle.
  public init(readsByName: Bool) {
    self.readsByName = readsByName
  }

  /// Reads `entry`'s ACLs and capabilities.
  public func extendedAccess(
    of entry: inout WalkEntry, expected: FileStatus
  ) throws(ModeChangeError) -> ExtendedAccess {
    if let directory = entry.directory {
      return try Self.mapped { () throws(Errno) in
        try Self.access(from: .descriptor(directory), status: expected)
      }
    }
    if readsByName && Self.kernelHasAttributesAt.load(ordering: .relaxed) {
      do {
        return try Self.access(from: .name(entry.name, in: entry.parent), status: expected)
      } catch  where error.rawValue == ENOSYS {
        Self.kernelHasAttributesAt.store(false, ordering: .relaxed)
      } catch {
        throw Self.modeChangeError(error)
      }
    }
    let handle: FileDescriptor
    do { handle = try entry.parent.openPathHandle(entry.name) } catch {
      throw Self.modeChangeError(error)
    }
    do {
      let access = try Self.read(entry, through: handle, expected: expected)
      entry.pathHandle = handle
      return access
    } catch {
      handle.close()
      throw error
    }
  }

  private static func read(
    _ entry: WalkEntry, through handle: FileDescriptor, expected: FileStatus
  ) throws(ModeChangeError) -> ExtendedAccess {
    let current: FileStatus
    do { current = try handle.status() } catch { throw .refused(error) }
    guard current.isSameEntry(as: expected), current.kind != .symbolicLink else { throw .replaced }
    do {
      return try access(from: .handle(handle), status: expected)
    } catch  where error.rawValue == ENOENT {
      // No /proc: read the name, then check it still names the handle's inode.
      let byName = try mapped { () throws(Errno) in
        try access(from: .name(entry.name, in: entry.parent), status: expected)
      }
      let after: FileStatus
      do { after = try entry.parent.status(of: entry.name) } catch { throw modeChangeError(error) }
      guard after.isSameEntry(as: current) else { throw .replaced }
      return byName
    } catch {
      throw .refused(error)
    }
  }

  /// What the attributes `source` lists grant; a file system without extended attributes has none.
  static func access(from source: AttributeSource, status: FileStatus) throws(Errno)
    -> ExtendedAccess
  {
    let present: UInt32
    do {
      present = try source.decidingAttributes()
    } catch  where error.rawValue == ENOTSUP || error.rawValue == EOPNOTSUPP {
      return .none
    }
    guard present != 0 else { return .none }
    var access = ExtendedAccess.none
    if present & ExtendedAccess.accessACLBit != 0,
      let value = try source.value(of: ExtendedAccess.accessACLName)
    {
      access.hasAccessACL = true
      access.namedWrite = ExtendedAccess.aclGrantsNamedWrite(
        value, owner: status.userID, group: status.groupID)
    }
    if present & ExtendedAccess.defaultACLBit != 0 && status.kind == .directory {
      access.hasDefaultACL = true
    }
    if present & ExtendedAccess.capabilitiesBit != 0 && status.kind == .regular {
      access.hasCapabilities = true
    }
    return access
  }

  private static func mapped(_ read: () throws(Errno) -> ExtendedAccess) throws(ModeChangeError)
    -> ExtendedAccess
  {
    do { return try read() } catch { throw modeChangeError(error) }
  }

  private static func modeChangeError(_ error: Errno) -> ModeChangeError {
    switch error.rawValue {
    case ENOENT: .vanished
    case ELOOP: .replaced
    default: .refused(error)
    }
  }

  /// Whether `listxattrat` is worth trying: cleared at the first `ENOSYS` (walker threads share it).
  static let kernelHasAttributesAt = Atomic<Bool>(true)
}
