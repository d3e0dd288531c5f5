#if canImport(Glibc)
import Glibc
#endif
import Patterns
import Synchronization

/// What the walk does with the entries it selects.
public enum WalkAction {
  /// Only report them (`list`): no `stat` beyond `DT_UNKNOWN`, no change.
  case list
  /// Give the group the owner's access with `changer` (the real one, or a dry run).
  case apply(any PermissionChanging, PermissionRule)
  /// Change nothing; `stat` every selected entry and hand its status to `walkDidInspect` (for audits).
  case inspect
}

/// How to walk.
public struct WalkOptions {
  /// What to do with selected entries.
  public var action: WalkAction
  /// Whether the app directory itself and everything in it is selected, whatever the patterns say.
  public var wholeApp: Bool
  /// The user the build runs as; entries owned by others cannot be changed (root may change anything).
  public var buildUserID: uid_t
  /// Seconds before the first progress report; later ones follow every `progressInterval`.
  public var progressDelay: Double
  /// Seconds between progress reports.
  public var progressInterval: Double

  /// Creates options.
  public init(
    action: WalkAction, wholeApp: Bool = false, buildUserID: uid_t = geteuid(),
    progressDelay: Double = 2, progressInterval: Double = 5
  ) {
    self.action = action
    self.wholeApp = wholeApp
    self.buildUserID = buildUserID
    self.progressDelay = progressDelay
    self.progressInterval = progressInterval
  }
}

/// Walks a directory tree by descriptor and selects entries as git would ignore them.
///
/// Directories are opened relative to their parent with `O_NOFOLLOW|O_DIRECTORY`, entries are typed by `d_type`
/// before any `stat`, symlinks and special files are never opened or changed, a directory no pattern can select
/// anything in is never opened, and nothing is matched inside a selected directory. The walk is iterative: memory
/// is one descriptor and one read buffer per level of depth.
///
/// With helper observers, that many more threads share the selected directories: whenever fewer are queued than
/// there are threads, a walker hands the next selected directory it opens to the queue instead of descending
/// into it. Matching stays on the calling thread, so roots and ancestors are found in walk order.
public final class TreeWalker {
  private enum FrameMode {
    /// Entries are matched against the patterns with this scope.
    case matching(MatchScope)
    /// The directory is selected: every entry in it is, too. The payload is the root's deciding pattern.
    case selected(pattern: Int?)
  }

  private struct Frame {
    var descriptor: FileDescriptor
    var reader: DirectoryReader
    var pathLength: Int
    var parentPathLength: Int
    var mode: FrameMode
    var ownsDescriptor: Bool
  }

  private let patterns: PatternSet
  private let options: WalkOptions
  private unowned let observer: any WalkObserver
  private let helperObservers: [any WalkObserver]
  private var queue: SubtreeQueue?
  private var isHelper = false
  private var publishedScanned = 0
  private var publishedChanged = 0
  private let path = PathBuffer()
  private var frames: [Frame] = []
  private var buffers: [UnsafeMutableRawBufferPointer] = []
  private var ensuredFrames = 0
  private var reportedRootWithoutSearch = false
  private var summary: WalkSummary
  private var startTime = 0.0
  private var nextProgress = 0.0

  /// Creates a walker for `patterns` reporting to `observer`, with one helper thread per helper observer.
  ///
  /// Each helper thread reports what it does in selected directories to its own observer, so observers need no
  /// locks; merge them once `walk` has returned. Progress goes to `observer` only, with every thread counted.
  public init(
    patterns: PatternSet, options: WalkOptions, observer: any WalkObserver,
    helperObservers: [any WalkObserver] = []
  ) {
    self.patterns = patterns
    self.options = options
    self.observer = observer
    self.helperObservers = helperObservers
    self.summary = WalkSummary(patternCount: patterns.patterns.count)
  }

  deinit {
    for buffer in buffers { buffer.deallocate() }
  }

  /// Walks the tree under the open directory `root` (which stays open) and returns what it counted.
  ///
  /// The root's entries are read from the start, even when an earlier walk read them with the same descriptor.
  public func walk(root: FileDescriptor) -> WalkSummary {
    summary = WalkSummary(patternCount: patterns.patterns.count)
    do {
      try root.rewind()
    } catch {
      fail(path.bytes, kind: .directory, .cannotOpenDirectory(error))
      return summary
    }
    startTime = MonotonicClock.now()
    nextProgress = startTime + options.progressDelay
    let helpers = startHelpers()
    if options.wholeApp {
      selectRootDirectory(root)
    } else {
      push(root, mode: .matching(patterns.rootScope()), ownsDescriptor: false, parentPathLength: 0)
    }
    run()
    if let queue {
      walkQueuedSubtrees(from: queue)
      for helper in helpers {
        helper.thread.join()
        summary.add(helper.walker.summary)
      }
      self.queue = nil
    }
    summary.threads = 1 + helpers.count
    summary.elapsedSeconds = MonotonicClock.now() - startTime
    return summary
  }

  // MARK: - Helper threads

  /// Starts one thread per helper observer; a thread that cannot be started leaves its share to the others.
  private func startHelpers() -> [(walker: TreeWalker, thread: JoinableThread)] {
    guard !helperObservers.isEmpty else { return [] }
    let queue = SubtreeQueue(threads: helperObservers.count + 1)
    self.queue = queue
    var started: [(walker: TreeWalker, thread: JoinableThread)] = []
    for helperObserver in helperObservers {
      let helper = TreeWalker(patterns: patterns, options: options, observer: helperObserver)
      helper.queue = queue
      helper.isHelper = true
      do {
        let thread = try JoinableThread.start { helper.walkQueuedSubtrees(from: queue) }
        started.append((helper, thread))
      } catch {
        queue.withdrawThread()
      }
    }
    return started
  }

  /// Walks queued subtrees until every thread is idle; the main thread wakes up for progress lines meanwhile.
  private func walkQueuedSubtrees(from queue: SubtreeQueue) {
    while true {
      switch queue.next(deadline: isHelper ? nil : nextProgress) {
      case .task(let task):
        path.replace(with: task.path)
        push(
          task.descriptor, mode: .selected(pattern: task.pattern), ownsDescriptor: true,
          parentPathLength: 0)
        run()
      case .timedOut:
        reportProgressIfDue()
      case .finished:
        return
      }
    }
  }

  // MARK: - The loop

  private func run() {
    while let top = frames.indices.last {
      let entry: DirectoryEntry?
      do {
        entry = try frames[top].reader.next()
      } catch {
        fail(path.prefix(frames[top].pathLength), kind: .directory, .cannotOpenDirectory(error))
        entry = nil
      }
      guard let entry else {
        finishTopFrame()
        continue
      }
      summary.scanned += 1
      if summary.scanned & 1023 == 0 { reportProgressIfDue() }
      let nameStart = path.append(entry.name, length: entry.length)
      let pushed: Bool
      switch frames[top].mode {
      case .matching(let scope):
        pushed = match(entry, nameStart: nameStart, in: top, scope: scope)
      case .selected(let pattern):
        pushed = select(entry, kind: entry.kind, in: top, isRoot: false, pattern: pattern)
      }
      if !pushed { path.truncate(to: frames[top].pathLength) }
    }
  }

  /// Decides one entry of a matching directory; returns whether a frame was pushed for it.
  private func match(_ entry: DirectoryEntry, nameStart: Int, in top: Int, scope: MatchScope)
    -> Bool
  {
    var kind = entry.kind
    if kind == .unknown {
      guard let status = statusOrSkip(entry, in: top, kind: kind) else { return false }
      kind = status.kind
    }
    let isDirectory = kind == .directory
    let decision = patterns.lastMatch(
      path: path.bytes, nameStart: nameStart, isDirectory: isDirectory, in: scope)
    if let index = decision { summary.matchesPerPattern[index] += 1 }
    if let index = decision, !patterns.patterns[index].isNegated {
      ensureAncestorsAllowSearch(through: top)
      return select(entry, kind: kind, in: top, isRoot: true, pattern: index)
    }
    guard isDirectory else { return false }
    guard let childScope = patterns.scope(entering: path.suffix(from: nameStart), from: scope)
    else {
      summary.directoriesPruned += 1
      return false
    }
    guard let child = openDirectory(entry, in: top) else { return false }
    push(child, mode: .matching(childScope), ownsDescriptor: true, parentPathLength: frames[top].pathLength)
    return true
  }

  /// Handles a selected entry; returns whether a frame was pushed for it (a selected directory).
  private func select(
    _ entry: DirectoryEntry, kind reportedKind: FileKind, in top: Int, isRoot: Bool, pattern: Int?
  ) -> Bool {
    var kind = reportedKind
    var status: FileStatus?
    if kind == .unknown {
      guard let known = statusOrSkip(entry, in: top, kind: kind) else { return false }
      status = known
      kind = known.kind
    }
    observer.walkDidSelect(path.bytes, kind: kind, isRoot: isRoot, pattern: pattern)
    if let pattern { summary.selectedPerPattern[pattern] += 1 }
    if case .inspect = options.action, kind != .directory {
      if let known = status ?? statusOrSkip(entry, in: top, kind: kind) {
        observer.walkDidInspect(path.bytes, status: known)
      }
    }
    switch kind {
    case .directory:
      summary.selectedDirectories += 1
      guard let child = openDirectory(entry, in: top) else { return false }
      switch options.action {
      case .apply(let changer, let rule): grantDirectoryAccess(child, changer: changer, rule: rule)
      case .inspect: inspectDirectory(child)
      case .list: break
      }
      if let queue, queue.wantsWork {
        queue.push(SubtreeTask(descriptor: child, path: Array(path.bytes), pattern: pattern))
        return false
      }
      push(child, mode: .selected(pattern: pattern), ownsDescriptor: true, parentPathLength: frames[top].pathLength)
      return true
    case .regular:
      summary.selectedFiles += 1
      if case .apply(let changer, let rule) = options.action {
        grantFileAccess(entry, in: top, known: status, changer: changer, rule: rule)
      }
      return false
    case .symbolicLink:
      summary.selectedOther += 1
      skip(kind: kind, .symbolicLink)
      return false
    default:
      summary.selectedOther += 1
      skip(kind: kind, .specialFile(kind))
      return false
    }
  }

  // MARK: - Whole-app mode

  private func selectRootDirectory(_ root: FileDescriptor) {
    observer.walkDidSelect(path.bytes, kind: .directory, isRoot: true, pattern: nil)
    summary.selectedDirectories += 1
    switch options.action {
    case .apply(let changer, let rule): grantDirectoryAccess(root, changer: changer, rule: rule)
    case .inspect: inspectDirectory(root)
    case .list: break
    }
    push(root, mode: .selected(pattern: nil), ownsDescriptor: false, parentPathLength: 0)
  }

  private func inspectDirectory(_ directory: FileDescriptor) {
    do {
      observer.walkDidInspect(path.bytes, status: try directory.status())
    } catch {
      fail(path.bytes, kind: .directory, .cannotReadStatus(error))
    }
  }

  // MARK: - Permission changes

  private func grantDirectoryAccess(
    _ directory: FileDescriptor, changer: any PermissionChanging, rule: PermissionRule
  ) {
    let status: FileStatus
    do {
      status = try directory.status()
    } catch {
      fail(path.bytes, kind: .directory, .cannotReadStatus(error))
      return
    }
    let new = rule.directoryPermissions(from: status.permissions)
    guard new != status.permissions else {
      summary.alreadyWritable += 1
      return
    }
    guard owns(status) else {
      fail(path.bytes, kind: .directory, .notOwned(ownerID: status.userID, buildUserID: options.buildUserID))
      return
    }
    do {
      try changer.changeMode(ofDirectory: directory, to: new)
      summary.directoriesChanged += 1
      observer.walkDidChange(path.bytes, kind: .directory, from: status.permissions, to: new, reason: .selected)
    } catch {
      fail(
        path.bytes, kind: .directory,
        .cannotChangeMode(error, ownerID: status.userID, buildUserID: options.buildUserID))
    }
  }

  private func grantFileAccess(
    _ entry: DirectoryEntry, in top: Int, known: FileStatus?, changer: any PermissionChanging,
    rule: PermissionRule
  ) {
    let status: FileStatus
    if let known {
      status = known
    } else {
      guard let read = statusOrSkip(entry, in: top, kind: .regular) else { return }
      status = read
    }
    guard status.kind == .regular else {
      skip(kind: status.kind, .changedDuringWalk)
      return
    }
    let new = rule.filePermissions(from: status.permissions)
    guard new != status.permissions else {
      summary.alreadyWritable += 1
      return
    }
    if status.permissions & (S_ISUID | S_ISGID) != 0 {
      skip(kind: .regular, .setID(permissions: status.permissions))
      return
    }
    if status.linkCount > 1 {
      skip(kind: .regular, .hardLinked(linkCount: status.linkCount))
      return
    }
    guard owns(status) else {
      fail(path.bytes, kind: .regular, .notOwned(ownerID: status.userID, buildUserID: options.buildUserID))
      return
    }
    do {
      try changer.changeMode(of: entry.name, in: frames[top].descriptor, to: new, expected: status)
      summary.filesChanged += 1
      observer.walkDidChange(path.bytes, kind: .regular, from: status.permissions, to: new, reason: .selected)
    } catch {
      switch error {
      case .noSuchFileOrDirectory: skip(kind: .regular, .vanished)
      case .changedDuringWalk, .tooManySymbolicLinks, Errno(rawValue: EOPNOTSUPP):
        skip(kind: .regular, .changedDuringWalk)
      default:
        fail(
          path.bytes, kind: .regular,
          .cannotChangeMode(error, ownerID: status.userID, buildUserID: options.buildUserID))
      }
    }
  }

  /// Gives group search (`g+x`) to the directories of frames `ensuredFrames...top`, the app root excepted.
  private func ensureAncestorsAllowSearch(through top: Int) {
    guard ensuredFrames <= top else { return }
    defer { ensuredFrames = top + 1 }
    guard case .apply(let changer, let rule) = options.action else { return }
    for index in ensuredFrames...top {
      let frame = frames[index]
      guard let status = try? frame.descriptor.status() else { continue }
      let new = rule.ancestorPermissions(from: status.permissions)
      guard new != status.permissions else { continue }
      if index == 0 {
        if !reportedRootWithoutSearch {
          reportedRootWithoutSearch = true
          observer.walkFoundRootWithoutGroupSearch(permissions: status.permissions)
        }
        continue
      }
      let directoryPath = path.prefix(frame.pathLength)
      guard owns(status) else {
        fail(directoryPath, kind: .directory, .notOwned(ownerID: status.userID, buildUserID: options.buildUserID))
        continue
      }
      do {
        try changer.changeMode(ofDirectory: frame.descriptor, to: new)
        summary.ancestorsChanged += 1
        observer.walkDidChange(
          directoryPath, kind: .directory, from: status.permissions, to: new, reason: .ancestorSearch)
      } catch {
        fail(
          directoryPath, kind: .directory,
          .cannotChangeMode(error, ownerID: status.userID, buildUserID: options.buildUserID))
      }
    }
  }

  private func owns(_ status: FileStatus) -> Bool {
    options.buildUserID == 0 || status.userID == options.buildUserID
  }

  // MARK: - Frames and entries

  private func openDirectory(_ entry: DirectoryEntry, in top: Int) -> FileDescriptor? {
    do {
      let child = try frames[top].descriptor.openDirectory(entry.name)
      summary.directoriesRead += 1
      return child
    } catch {
      switch error {
      case .noSuchFileOrDirectory: skip(kind: .directory, .vanished)
      case .tooManySymbolicLinks, .notDirectory: skip(kind: .directory, .changedDuringWalk)
      default: fail(path.bytes, kind: .directory, .cannotOpenDirectory(error))
      }
      return nil
    }
  }

  /// `fstatat` for an entry; a vanished entry is reported as skipped and gives nil.
  private func statusOrSkip(_ entry: DirectoryEntry, in top: Int, kind: FileKind) -> FileStatus? {
    do {
      return try frames[top].descriptor.status(of: entry.name)
    } catch {
      if error == .noSuchFileOrDirectory {
        skip(kind: kind, .vanished)
      } else {
        fail(path.bytes, kind: kind, .cannotReadStatus(error))
      }
      return nil
    }
  }

  private func push(
    _ descriptor: FileDescriptor, mode: FrameMode, ownsDescriptor: Bool, parentPathLength: Int
  ) {
    let depth = frames.count
    let reader = DirectoryReader(descriptor: descriptor, buffer: buffer(forDepth: depth))
    frames.append(
      Frame(
        descriptor: descriptor, reader: reader, pathLength: path.count,
        parentPathLength: parentPathLength, mode: mode, ownsDescriptor: ownsDescriptor))
  }

  private func finishTopFrame() {
    guard let frame = frames.popLast() else { return }
    if frame.ownsDescriptor { frame.descriptor.close() }
    path.truncate(to: frame.parentPathLength)
    ensuredFrames = min(ensuredFrames, frames.count)
  }

  /// The read buffer for a depth: large near the root, where directories are wide, small deep down.
  private func buffer(forDepth depth: Int) -> UnsafeMutableRawBufferPointer {
    while buffers.count <= depth {
      let size = buffers.count < 8 ? 32768 : (buffers.count < 64 ? 8192 : 2048)
      buffers.append(.allocate(byteCount: size, alignment: 8))
    }
    return buffers[depth]
  }

  private func skip(kind: FileKind, _ reason: SkipReason) {
    summary.skipped += 1
    observer.walkDidSkip(path.bytes, kind: kind, reason: reason)
  }

  private func fail(_ failedPath: UnsafeBufferPointer<UInt8>, kind: FileKind, _ failure: WalkFailure) {
    summary.failed += 1
    observer.walkDidFail(failedPath, kind: kind, failure: failure)
  }

  // MARK: - Progress

  /// On the main thread, reports progress when it is due; on a helper, publishes its counts for that report.
  private func reportProgressIfDue() {
    if isHelper {
      publishProgress()
      return
    }
    let now = MonotonicClock.now()
    guard now >= nextProgress else { return }
    nextProgress = now + options.progressInterval
    var progress = WalkProgress(
      scanned: summary.scanned, changed: summary.changed, elapsedSeconds: now - startTime)
    if let queue {
      progress.scanned += queue.helperScanned.load(ordering: .relaxed)
      progress.changed += queue.helperChanged.load(ordering: .relaxed)
    }
    observer.walkProgress(progress)
  }

  private func publishProgress() {
    guard let queue else { return }
    queue.helperScanned.wrappingAdd(summary.scanned - publishedScanned, ordering: .relaxed)
    queue.helperChanged.wrappingAdd(summary.changed - publishedChanged, ordering: .relaxed)
    publishedScanned = summary.scanned
    publishedChanged = summary.changed
  }
}
