#if canImport(Glibc)
import Glibc
#endif

/// How a selected entry's permission bits change: the owner's bits mirrored to the group, nothing else.
public struct PermissionRule: Sendable, Equatable {
  /// Whether writable directories also get the setgid bit, so new files inherit the directory's group.
  public var setsGroupIDOnDirectories: Bool

  /// Creates a rule.
  public init(setsGroupIDOnDirectories: Bool = false) {
    self.setsGroupIDOnDirectories = setsGroupIDOnDirectories
  }

  /// A directory's new permission bits: owner r/w/x copied to the group (`755` becomes `775`).
  public func directoryPermissions(from permissions: mode_t) -> mode_t {
    var result = permissions | ((permissions & 0o700) >> 3)
    if setsGroupIDOnDirectories { result |= S_ISGID }
    return result
  }

  /// A file's new permission bits: owner r/w copied to the group (`644` becomes `664`); never x, never o+w.
  public func filePermissions(from permissions: mode_t) -> mode_t {
    permissions | ((permissions & 0o600) >> 3)
  }

  /// An ancestor's new permission bits: group search (`g+x`) added so the run user can reach what is inside.
  public func ancestorPermissions(from permissions: mode_t) -> mode_t {
    permissions | S_IXGRP
  }
}
