import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

/// What `ModePolicy` needs to know of an entry.
public struct PolicyEntry: Sendable, Equatable {
  /// Its type.
  public var kind: FileKind
  /// Its permission bits (`st_mode & 07777`).
  public var permissions: mode_t
  /// Its hard link count.
  public var linkCount: UInt64
  /// Whether the patterns select it.
  public var isSelected: Bool
  /// Whether it is the app directory itself.
  public var isAppRoot: Bool
  /// For a directory: what its entries showed (a selected entry below it, a database in it).
  public var marks: DirectoryMarks
  /// What its ACL and capabilities grant (read only where it matters: see `ModePolicy.needsExtendedAccess`).
  public var access: ExtendedAccess

  /// Describes an entry.
  public init(
    kind: FileKind, permissions: mode_t, linkCount: UInt64 = 1, isSelected: Bool,
    isAppRoot: Bool = false,
    marks: DirectoryMarks = [], access: ExtendedAccess = .none
  ) {
    self.kind = kind
    self.permissions = permissions
    self.linkCount = linkCount
    self.isSelected = isSelected
    self.isAppRoot = isAppRoot
    self.marks = marks
    self.access = access
  }
}
