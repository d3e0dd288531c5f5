#if canImport(Glibc)
  import Glibc
#endif

/// Why part of the tree was not visited.
public enum WalkIncident: Sendable, Equatable {
  /// The entry disappeared between being listed and being opened or inspected.
  case vanished
  /// The entry changed type (for example was replaced by a symlink) between being listed and being opened.
  case changedType
  /// A directory could not be opened or read, so nothing below it was visited.
  case unreadable(Errno)
  /// An entry's status could not be read.
  case unreadableStatus(Errno)
  /// A directory is on another file system than the app directory (a mount point): it was neither visited nor
  /// entered, as `find -xdev` does.
  case otherFileSystem
}

/// Counts at a moment of the walk, for progress lines.
public struct WalkProgress: Sendable, Equatable {
  /// Directory entries read so far, by every thread.
  public var scanned: Int
  /// Seconds since the walk started.
  public var elapsedSeconds: Double

  /// Creates progress counts.
  public init(scanned: Int, elapsedSeconds: Double) {
    self.scanned = scanned
    self.elapsedSeconds = elapsedSeconds
  }
}

/// Decides what happens to the entries a walk visits; the walk itself only walks.
///
/// Each walking thread has its own handler, so handlers need no locks; merge what they collected after the walk.
public protocol WalkHandler: AnyObject {
  /// An entry the walk visits: every selected entry, every directory it enters, and with
  /// `WalkOptions.visitsEveryEntry` every entry. Returns marks for the entry's parent directory.
  func visit(_ entry: inout WalkEntry) -> DirectoryMarks
  /// A visited directory, after everything in it (with the marks noted meanwhile).
  func leave(_ directory: inout WalkEntry)
  /// Something the walk could not visit as listed; `needed` says whether the patterns could have selected
  /// something there (so a selection is incomplete), rather than only a visit of every entry missing it.
  func walkNoticed(
    _ incident: WalkIncident, at path: UnsafeBufferPointer<UInt8>, kind: FileKind, needed: Bool)
  /// Called every few seconds of a long walk, on the calling thread's handler only.
  func walkProgress(_ progress: WalkProgress)
}
