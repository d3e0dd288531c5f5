import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A directory handed from one walker thread to another, already visited: selected, never matched, or still
/// being matched (then its marks go to the leave of the directory above, `upward`).
struct SubtreeTask: @unchecked Sendable {
  // @unchecked: the frame mode's match scope is immutable (its globstar chunks are only read).

  /// The open directory; whoever walks it closes it.
  let descriptor: FileDescriptor
  /// Its `fstat` when it was opened.
  let status: FileStatus
  /// Its path relative to the app directory.
  let path: [UInt8]
  /// How its entries are decided.
  let mode: WalkFrame.Mode
  /// How the directory itself is selected.
  let selection: EntrySelection
  /// Whether the directory was reached through a directory anyone could rename entries in.
  var reachedThroughOpenDirectory = false
  /// For a subtree still being matched: the leave of the directory above, which waits for it.
  var upward: PendingLeave?
  /// Its depth below the app directory (1 for an entry of the app directory).
  var depth = 0
  /// The permission bits a handler gave it when it was visited (`WalkEntry.heldPermissions`).
  var heldPermissions: mode_t?
}

/// Selected subtrees waiting for a walker thread, and the moment the parallel walk is over.
///
/// Every thread is either walking or waiting in `next`; the walk is over when all of them wait and nothing is
/// queued, since only a walking thread queues subtrees. The queue is kept short (`wantsWork`), so memory stays one
/// descriptor and one path per queued subtree.
final class SubtreeQueue: @unchecked Sendable {
  // @unchecked: `tasks`, `walking` and `finished` are only touched with `lock` held; the counters are atomics.

  /// What `next` returns.
  enum Next {
    /// A subtree to walk.
    case task(SubtreeTask)
    /// The deadline passed first (so the main thread can print progress), or the wake-up found the subtree
    /// already taken by another thread: call `next` again.
    case timedOut
    /// Every thread is idle and nothing is queued.
    case finished
  }

  private let lock = SignalingLock()
  private var tasks: [SubtreeTask] = []
  private var walking: Int
  private var finished = false
  private let queued = Atomic<Int>(0)
  private let wantedLength: Int
  /// Entries read by helper threads so far, for progress lines.
  let helperScanned = Atomic<Int>(0)

  /// A queue for `threads` walking threads, the caller's included.
  init(threads: Int) {
    walking = threads
    wantedLength = threads
  }

  /// Whether fewer subtrees are queued than there are threads, so a walker should hand one over.
  var wantsWork: Bool { queued.load(ordering: .relaxed) < wantedLength }

  /// Queues a subtree and wakes a waiting thread.
  func push(_ task: SubtreeTask) {
    lock.withLock {
      tasks.append(task)
      queued.store(tasks.count, ordering: .relaxed)
      lock.signal()
    }
  }

  /// Takes the oldest subtree, waiting for one (until `deadline`, in `MonotonicClock` seconds, when given).
  func next(deadline: Double? = nil) -> Next {
    lock.withLock {
      if let task = takeFirst() { return .task(task) }
      if finished { return .finished }
      walking -= 1
      defer { walking += 1 }
      if walking == 0 {
        finish()
        return .finished
      }
      lock.wait(until: deadline)
      if let task = takeFirst() { return .task(task) }
      return finished ? .finished : .timedOut
    }
  }

  /// Counts a thread that will never call `next` (it could not be started).
  func withdrawThread() {
    lock.withLock {
      walking -= 1
      if walking == 0 { finish() }
    }
  }

  private func takeFirst() -> SubtreeTask? {
    guard !tasks.isEmpty else { return nil }
    let task = tasks.removeFirst()
    queued.store(tasks.count, ordering: .relaxed)
    return task
  }

  private func finish() {
    finished = true
    lock.broadcast()
  }
}
