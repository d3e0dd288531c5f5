#if canImport(Glibc)
  import Glibc
#endif

/// Whether the patterns select an entry.
public enum EntrySelection: Sendable, Equatable {
  /// No pattern selects it (the walk hands it over only when it visits every entry).
  case unselected
  /// A pattern selects it and not its parent: a writable root. `pattern` is the deciding pattern's index (nil for
  /// the app root in whole-app mode).
  case root(pattern: Int?)
  /// It is inside a selected directory; `pattern` is the index of the pattern that selected that root.
  case inside(pattern: Int?)

  /// Whether the entry is selected.
  public var isSelected: Bool { self != .unselected }
}

/// Facts a handler or the walk noted about a directory while visiting its entries, handed back when leaving it.
public struct DirectoryMarks: OptionSet, Sendable {
  /// The raw bits.
  public let rawValue: UInt8
  /// Creates marks from raw bits.
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// A selected root lies somewhere below this directory (set by the walk, and passed up to every ancestor).
  public static let leadsToSelection = DirectoryMarks(rawValue: 1)
  /// A selected file directly in this directory is an SQLite database (set by a handler).
  public static let holdsDatabase = DirectoryMarks(rawValue: 2)
  /// A selected file directly in this directory stays in a directory nobody else may write (set by a handler).
  public static let holdsSelectedFile = DirectoryMarks(rawValue: 4)
}

/// One entry as the walk hands it to handlers: where it is, what it is, whether it is selected, and its status.
///
/// A directory the walk descends into comes with its open descriptor, and its status is that descriptor's
/// (`fstat`), so a change through the descriptor changes exactly what was inspected. Any other entry is named
/// relative to its open parent; its status is read on demand (`fstatat`, never following a symlink) and cached.
/// The pointers are valid only during the call that hands the entry over.
public struct WalkEntry {
  /// The path relative to the app directory, without a trailing `/`; empty for the app directory itself.
  public let path: UnsafeBufferPointer<UInt8>
  /// The last component, NUL-terminated (`.` for the app directory and for a subtree a thread took over).
  public let name: UnsafePointer<CChar>
  /// The open parent directory (`FileDescriptor.none` where the walk holds no parent: see `name`).
  public let parent: FileDescriptor
  /// The parent's status when the walk opened it (nil where `parent` is `.none`).
  public let parentStatus: FileStatus?
  /// The open directory, for directories the walk descends into (or tried to: nil when it could not open it).
  public let directory: FileDescriptor?
  /// The type, from `d_type` or, where the file system gave none, from `fstatat`.
  public let kind: FileKind
  /// Whether and how the entry is selected.
  public let selection: EntrySelection
  /// For `WalkHandler.leave`: what was noted while its entries were visited.
  public let marks: DirectoryMarks
  /// Whether a directory on the way to the entry (its parent or above, in the app) let anyone rename entries
  /// (world-writable, not sticky) when the walk opened it: another user may have put the entry there.
  public let reachedThroughOpenDirectory: Bool
  /// Its ACL and capabilities, where a handler read them (for later handlers).
  public var extendedAccess: ExtendedAccess?
  /// An `O_PATH` handle on the entry, checked to be the inspected inode, that a reader opened for the change
  /// that follows; the handler that asked for it closes it.
  public var pathHandle: FileDescriptor?
  /// For a directory: the permission bits a handler gave it when the walk entered it (write closed to group and
  /// others while its entries are changed), which the walk hands back at the leave; nil when none were set.
  public var heldPermissions: mode_t?
  private var knownStatus: FileStatus?

  /// An entry; `status` is its status when already known (the walk's `fstat`, or a fake's).
  public init(
    path: UnsafeBufferPointer<UInt8>, name: UnsafePointer<CChar>, parent: FileDescriptor,
    parentStatus: FileStatus?, directory: FileDescriptor?, kind: FileKind,
    selection: EntrySelection,
    marks: DirectoryMarks = [], status: FileStatus? = nil,
    reachedThroughOpenDirectory: Bool = false,
    heldPermissions: mode_t? = nil
  ) {
    self.path = path
    self.name = name
    self.parent = parent
    self.parentStatus = parentStatus
    self.directory = directory
    self.kind = kind
    self.selection = selection
    self.marks = marks
    self.reachedThroughOpenDirectory = reachedThroughOpenDirectory
    self.heldPermissions = heldPermissions
    knownStatus = status
  }

  /// Whether this is the app directory itself.
  public var isAppRoot: Bool { path.isEmpty }

  /// The entry's status: cached, else `fstat` of its descriptor or `fstatat` in its parent.
  public mutating func status() throws(Errno) -> FileStatus {
    if let knownStatus { return knownStatus }
    let status: FileStatus
    if let directory {
      status = try directory.status()
    } else {
      status = try parent.status(of: name)
    }
    knownStatus = status
    return status
  }

  /// Records that the entry's permission bits are now `permissions` (after a change), for later handlers.
  public mutating func noteChange(to permissions: mode_t) {
    guard let old = knownStatus else { return }
    knownStatus = old.with(permissions: permissions)
  }
}
