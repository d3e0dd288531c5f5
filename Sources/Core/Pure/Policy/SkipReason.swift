import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

/// Why a selected entry was left as it is.
public enum SkipReason: Sendable, Equatable, Hashable {
  /// Symbolic links are never followed and never changed.
  case symbolicLink
  /// FIFOs, sockets and devices are never opened or made group-writable.
  case specialFile(FileKind)
  /// A regular file with more than one hard link may share its data with files outside the app directory.
  case hardLinked(linkCount: UInt64)
  /// A setuid or setgid file is never made group-writable.
  case setID(permissions: mode_t)
  /// A file with capabilities (`security.capability`) is never made group-writable.
  case capabilities
  /// An entry with an extended access ACL is never made group-writable: the group bits are the ACL's mask.
  case accessControlList
  /// The entry disappeared during the walk.
  case vanished
  /// The entry changed (was replaced, renamed, or changed type) between being inspected and being changed.
  case changedDuringWalk
  /// A privileged run found it through a directory anyone could rename entries in, so another user may have
  /// put it at the selected name.
  case reachedThroughOpenDirectory
}
