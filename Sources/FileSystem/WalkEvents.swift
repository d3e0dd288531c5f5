#if canImport(Glibc)
import Glibc
#endif

/// Why a selected entry was left as it is.
public enum SkipReason: Sendable, Equatable {
  /// Symbolic links are never followed and never changed.
  case symbolicLink
  /// FIFOs, sockets and devices are never opened or changed.
  case specialFile(FileKind)
  /// A regular file with more than one hard link may be shared with files outside the app directory.
  case hardLinked(linkCount: UInt64)
  /// A setuid or setgid file is never made group-writable.
  case setID(permissions: mode_t)
  /// The entry disappeared during the walk.
  case vanished
  /// The entry changed type (for example was replaced by a symlink) during the walk.
  case changedDuringWalk
}

/// Why a selected entry could not be given group access; these fail a build.
public enum WalkFailure: Sendable, Equatable {
  /// The entry is owned by another user, so the build user cannot change its mode.
  case notOwned(ownerID: uid_t, buildUserID: uid_t)
  /// A directory could not be opened (for example it is not readable by the build user).
  case cannotOpenDirectory(Errno)
  /// `fstatat` failed.
  case cannotReadStatus(Errno)
  /// `fchmod`/`fchmodat2` failed.
  case cannotChangeMode(Errno, ownerID: uid_t, buildUserID: uid_t)
}

/// Why a mode was changed.
public enum ChangeReason: Sendable, Equatable {
  /// The entry was selected.
  case selected
  /// The entry is a directory above a selected entry and lacked group search (`g+x`).
  case ancestorSearch
}

/// Counts at a moment of the walk, for progress lines.
public struct WalkProgress: Sendable, Equatable {
  /// Directory entries read so far.
  public var scanned: Int
  /// Entries whose mode was changed so far.
  public var changed: Int
  /// Seconds since the walk started.
  public var elapsedSeconds: Double
}

/// Receives what the walk does, entry by entry; paths are relative to the app directory, without a trailing `/`.
public protocol WalkObserver: AnyObject {
  /// An entry was selected; `pattern` is the deciding pattern's index for roots (entries whose parent was not
  /// selected), nil for entries inside a selected directory and for the app root in whole-app mode.
  func walkDidSelect(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind, isRoot: Bool, pattern: Int?)
  /// An entry's permission bits changed from `old` to `new`.
  func walkDidChange(
    _ path: UnsafeBufferPointer<UInt8>, kind: FileKind, from old: mode_t, to new: mode_t,
    reason: ChangeReason)
  /// A selected entry was left unchanged.
  func walkDidSkip(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind, reason: SkipReason)
  /// A selected entry could not be changed.
  func walkDidFail(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind, failure: WalkFailure)
  /// The app directory lacks group search (`g+x`), which only whole-app mode may add.
  func walkFoundRootWithoutGroupSearch(permissions: mode_t)
  /// The walk has run for a while; called every few seconds.
  func walkProgress(_ progress: WalkProgress)
  /// With `WalkAction.inspect`: a selected entry's status.
  func walkDidInspect(_ path: UnsafeBufferPointer<UInt8>, status: FileStatus)
}

extension WalkObserver {
  /// Does nothing: only audits inspect entries.
  public func walkDidInspect(_ path: UnsafeBufferPointer<UInt8>, status: FileStatus) {}
}
