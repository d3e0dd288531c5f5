import FileSystem
import Patterns

/// One recorded write: the entry (relative to the app directory), what was tried, and how it ended.
public struct TracedWrite: Hashable, Sendable {
  /// The entry, relative to the app directory; the app directory itself only for an in-place write, a
  /// mode, owner or times change of the root.
  public let path: RelativePath
  /// What the system call tried to do.
  public let action: WriteAction
  /// How the call failed; nil when it succeeded.
  public let error: Errno?
  /// Whether the entry is an SQLite database that existed before the trace (the CLI reads its header).
  public let isSQLiteDatabase: Bool

  /// Records one write.
  public init(
    path: RelativePath, action: WriteAction, error: Errno? = nil, isSQLiteDatabase: Bool = false
  ) {
    self.path = path
    self.action = action
    self.error = error
    self.isSQLiteDatabase = isSQLiteDatabase
  }
}
