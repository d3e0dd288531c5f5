import Patterns

#if canImport(Glibc)
  import Glibc
#endif

/// One open directory on the walk's current path.
struct WalkFrame {
  /// How the entries of the directory are decided.
  enum Mode {
    /// They are matched against the patterns with this scope.
    case matching(MatchScope)
    /// The directory is selected, so every entry in it is; the payload is its root's deciding pattern.
    case selected(pattern: Int?)
    /// No pattern can select anything below; the entries are only visited (when every entry is).
    case unselected
  }

  /// The name handed to handlers for a directory the frame holds no parent of.
  // Immutable after initialisation: a C string nobody writes.
  nonisolated(unsafe) static let baseName: UnsafePointer<CChar> = {
    let name = UnsafeMutablePointer<CChar>.allocate(capacity: 2)
    name[0] = 0x2E
    name[1] = 0
    return UnsafePointer(name)
  }()

  /// The descriptor (stale while `isOpen` is false).
  var descriptor: FileDescriptor
  /// Whether the descriptor is open (false when closed for the descriptor budget).
  var isOpen = true
  /// Whether the frame's directory could not be opened again: it is finished without handlers seeing it again.
  var isAbandoned = false
  /// Reads the directory's entries.
  var reader: DirectoryReader
  /// `fstat` of the directory when it was opened.
  let status: FileStatus
  /// The permission bits a handler gave the directory when the walk entered it (`WalkEntry.heldPermissions`).
  let heldPermissions: mode_t?
  /// The length of the directory's path in the walk's path buffer.
  let pathLength: Int
  /// The path length to cut back to when the frame is finished.
  let parentPathLength: Int
  /// How its entries are decided.
  let mode: Mode
  /// Whether the walk closes the descriptor when done (not the app directory's).
  let ownsDescriptor: Bool
  /// Whether the frame has no parent frame (the app directory, or a subtree a thread took over).
  let isBase: Bool
  /// How the directory itself is selected.
  let selection: EntrySelection
  /// Its name (in the parent frame's read buffer, or `baseName`).
  let name: UnsafePointer<CChar>
  /// Whether the directory itself was reached through a directory anyone could rename entries in.
  let reachedThroughOpenDirectory: Bool
  /// What was noted while visiting its entries.
  var marks: DirectoryMarks = []
  /// For a frame with matching subtrees handed to other threads: the leave that waits for them.
  var pendingLeave: PendingLeave?
  /// For a subtree taken over from another thread while being matched: the leave of the directory above, which
  /// waits for this one.
  let upward: PendingLeave?

  /// The directory's status as its entries' parent: with the permission bits it has while they are visited.
  var entriesParentStatus: FileStatus {
    guard let heldPermissions else { return status }
    return status.with(permissions: heldPermissions)
  }

  /// Whether its entries are reached through a directory anyone could rename entries in (this one or above).
  var entriesReachedThroughOpenDirectory: Bool {
    reachedThroughOpenDirectory || status.letsOthersRenameEntries
  }

  /// Whether the patterns could select something here, so a part missed here makes the selection incomplete.
  var isNeeded: Bool {
    if case .unselected = mode { return false }
    return true
  }

  /// A frame with no parent frame, at path length 0 (the caller sets the path first).
  static func base(
    descriptor: FileDescriptor, status: FileStatus, mode: Mode, selection: EntrySelection,
    owned: Bool,
    pathLength: Int = 0, reachedThroughOpenDirectory: Bool = false, upward: PendingLeave? = nil,
    heldPermissions: mode_t? = nil
  ) -> PendingFrame {
    PendingFrame(
      descriptor: descriptor, status: status, mode: mode, selection: selection, name: baseName,
      owned: owned, isBase: true, pathLength: pathLength, parentPathLength: 0,
      reachedThroughOpenDirectory: reachedThroughOpenDirectory, upward: upward,
      heldPermissions: heldPermissions)
  }
}

/// What a frame is made of before the walk gives it a read buffer.
struct PendingFrame {
  let descriptor: FileDescriptor
  let status: FileStatus
  let mode: WalkFrame.Mode
  let selection: EntrySelection
  let name: UnsafePointer<CChar>
  let owned: Bool
  let isBase: Bool
  let pathLength: Int
  let parentPathLength: Int
  let reachedThroughOpenDirectory: Bool
  var upward: PendingLeave? = nil
  var heldPermissions: mode_t? = nil
}
