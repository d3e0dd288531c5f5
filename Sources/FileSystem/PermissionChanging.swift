#if canImport(Glibc)
import Glibc
#endif

/// Applies permission changes; the real one calls the kernel, the dry run only counts.
public protocol PermissionChanging {
  /// Changes the permission bits of the open directory `directory`.
  func changeMode(ofDirectory directory: FileDescriptor, to mode: mode_t) throws(Errno)
  /// Changes the permission bits of `name` in `parent`, refusing symlinks; `expected` is its last `stat`.
  func changeMode(
    of name: UnsafePointer<CChar>, in parent: FileDescriptor, to mode: mode_t,
    expected: FileStatus
  ) throws(Errno)
}

/// Changes permission bits for real.
public struct SystemPermissionChanger: PermissionChanging {
  /// Creates the real changer.
  public init() {}

  /// Calls `fchmod` on the directory's descriptor.
  public func changeMode(ofDirectory directory: FileDescriptor, to mode: mode_t) throws(Errno) {
    try directory.changeMode(to: mode)
  }

  /// Calls `fchmodat2(AT_SYMLINK_NOFOLLOW)` (or its `O_PATH` fallback) relative to the parent.
  public func changeMode(
    of name: UnsafePointer<CChar>, in parent: FileDescriptor, to mode: mode_t,
    expected: FileStatus
  ) throws(Errno) {
    try parent.changeMode(of: name, to: mode, expected: expected)
  }
}

/// Changes nothing: for `--dry-run`, where the walk still reports what it would change.
public struct DryRunPermissionChanger: PermissionChanging {
  /// Creates the dry-run changer.
  public init() {}

  /// Does nothing.
  public func changeMode(ofDirectory directory: FileDescriptor, to mode: mode_t) throws(Errno) {}

  /// Does nothing.
  public func changeMode(
    of name: UnsafePointer<CChar>, in parent: FileDescriptor, to mode: mode_t,
    expected: FileStatus
  ) throws(Errno) {}
}
