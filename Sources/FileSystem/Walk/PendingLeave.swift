#if canImport(Glibc)
  import Glibc
#endif

/// A directory whose leave waits for subtrees below it that other threads walk, so that what their entries showed
/// (a selected entry below: `leadsToSelection`) is known when the directory is left, as on one thread.
///
/// The thread that owns the directory's frame counts every such subtree (`expect`) before handing it over; the
/// thread that finishes one reports its marks (`complete`). When the frame finishes first, it is parked with what
/// its leave needs, and the last `complete` hands it back to be left by the thread that made that call.
final class PendingLeave: @unchecked Sendable {
  // @unchecked: `state` is only touched with `lock` held. A pthread mutex, not Synchronization's `Mutex`:
  // ThreadSanitizer sees a pthread mutex's ordering, but not that of `Mutex`'s futex on Linux, and reported
  // the state as raced between `finish` and `complete` (a false positive, one run in several).
  private struct State {
    var outstanding = 0
    var marks: DirectoryMarks = []
    var parked: ParkedDirectory?
  }

  private let lock = SignalingLock()
  private var state = State()

  /// Counts one more subtree below (or a parked subdirectory) that must complete before the leave.
  func expect() {
    lock.withLock { state.outstanding += 1 }
  }

  /// Records that one expected subtree is done with `marks`; the parked directory to leave now when it was the
  /// last and the directory is parked.
  func complete(marks: DirectoryMarks) -> ParkedDirectory? {
    lock.withLock {
      state.marks.formUnion(marks)
      state.outstanding -= 1
      guard state.outstanding == 0, var parked = state.parked else { return nil }
      state.parked = nil
      parked.marks.formUnion(state.marks)
      return parked
    }
  }

  /// Called when the directory's frame finishes: the marks gathered so far when nothing is outstanding (leave
  /// it now with them), or nil once `directory` is parked until the last `complete`.
  func finish(_ directory: ParkedDirectory) -> DirectoryMarks? {
    lock.withLock {
      guard state.outstanding > 0 else { return state.marks }
      state.parked = directory
      return nil
    }
  }
}

/// What leaving a directory needs once its frame is gone: a copy of its path and name, its descriptor (still
/// open: the leave may change the directory through it), and where its marks go next.
struct ParkedDirectory: @unchecked Sendable {
  // @unchecked: the descriptor and scalars are plain values; only one thread holds a parked directory at a time.

  /// The path relative to the app directory.
  let path: [UInt8]
  /// The name, NUL-terminated.
  let name: [CChar]
  /// The open directory.
  let descriptor: FileDescriptor
  /// Whether the walk closes the descriptor after the leave (not the app directory's).
  let ownsDescriptor: Bool
  /// Its status when it was opened.
  let status: FileStatus
  /// The permission bits a handler gave it when it was visited (`WalkEntry.heldPermissions`).
  let heldPermissions: mode_t?
  /// How it is selected.
  let selection: EntrySelection
  /// Whether it was reached through a directory anyone could rename entries in.
  let reachedThroughOpenDirectory: Bool
  /// What its entries showed, plus what completing subtrees reported.
  var marks: DirectoryMarks
  /// Whether the walk could not open it again (then no handler sees it again).
  let isAbandoned: Bool
  /// The pending leave of the directory above it, if that one waits too.
  let upward: PendingLeave?
}
