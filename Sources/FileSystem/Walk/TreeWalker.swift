import Patterns

#if canImport(Glibc)
  import Glibc
#endif

/// Walks a directory tree by descriptor, selects entries as git would ignore them, and hands entries to a
/// `WalkHandler`; it changes nothing itself.
///
/// Directories are opened relative to their parent with `O_NOFOLLOW|O_DIRECTORY`, entries are typed by `d_type`
/// before any `stat`, symlinks and special files are never opened, nothing is matched inside a selected
/// directory, and (unless every entry is to be visited) a directory no pattern can select anything in is never
/// opened. Mount points (a directory that is a mount's root or on another device) are neither visited nor entered.
/// The walk is iterative: memory is one frame and one read buffer per level of depth, and at most
/// `WalkOptions.descriptorBudget` directories stay open (deeper trees close the shallowest ones and open them again
/// through `..` on the way back, checking they are the same directories).
///
/// With helper handlers, that many more threads share selected (and, when every entry is visited, unselected)
/// subtrees: whenever fewer are queued than there are threads, a walker hands the next such directory it opens to
/// the queue instead of descending into it. Subtrees still being matched are handed over too, down to
/// `deepestSharedMatching`: a directory whose frame finishes before them is parked and left by the thread that
/// finishes the last of them, so what they selected reaches it first (`PendingLeave`).
public final class TreeWalker: @unchecked Sendable {
  // @unchecked: a walker is used by one thread at a time; helpers are created before their thread starts and
  // read only after it is joined.

  let patterns: PatternSet
  let options: WalkOptions
  unowned let handler: any WalkHandler
  let helperHandlers: [any WalkHandler]
  var queue: SubtreeQueue?
  var isHelper = false
  var publishedScanned = 0
  let path = PathBuffer()
  var frames: [WalkFrame] = []
  var buffers: [UnsafeMutableRawBufferPointer] = []
  var summary: WalkSummary
  var budget = 0
  var openFrames = 0
  /// Frames `1..<closedFrames` are closed for the descriptor budget (always the shallowest ones).
  var closedFrames = 1
  var startTime = 0.0
  var nextProgress = 0.0
  /// The app directory's device: a directory on another one is a mount point, never entered.
  var appDevice: UInt64 = 0
  /// The depth of the base frame's directory below the app directory (0 for the app directory itself).
  var baseDepth = 0

  /// Creates a walker for `patterns` handing entries to `handler`, with one helper thread per helper handler.
  public init(
    patterns: PatternSet, options: WalkOptions, handler: any WalkHandler,
    helperHandlers: [any WalkHandler] = []
  ) {
    self.patterns = patterns
    self.options = options
    self.handler = handler
    self.helperHandlers = helperHandlers
    self.summary = WalkSummary(patternCount: patterns.patterns.count)
  }

  deinit {
    for buffer in buffers { buffer.deallocate() }
  }

  /// Walks the tree under the open directory `root` (which stays open) and returns what it counted.
  ///
  /// The root is visited first and left last; its entries are read from the start, even when an earlier walk read
  /// them with the same descriptor.
  public func walk(root: FileDescriptor) -> WalkSummary {
    summary = WalkSummary(patternCount: patterns.patterns.count)
    startTime = options.clock.now()
    nextProgress = startTime + options.progressDelay
    budget =
      options.descriptorBudget ?? ResourceLimits.descriptorBudget(threads: helperHandlers.count + 1)
    let status: FileStatus
    do {
      try root.rewind()
      status = try root.status()
    } catch {
      summary.directoriesUnread += 1
      handler.walkNoticed(.unreadable(error), at: path.bytes, kind: .directory, needed: true)
      return summary
    }
    appDevice = status.device
    let helpers = startHelpers()
    let selection: EntrySelection = options.selectsEverything ? .root(pattern: nil) : .unselected
    if options.selectsEverything { summary.selectedDirectories += 1 }
    var entry = WalkEntry(
      path: path.bytes, name: WalkFrame.baseName, parent: .none, parentStatus: nil, directory: root,
      kind: .directory, selection: selection, status: status)
    _ = handler.visit(&entry)
    let mode: WalkFrame.Mode =
      options.selectsEverything ? .selected(pattern: nil) : .matching(patterns.rootScope())
    push(
      WalkFrame.base(
        descriptor: root, status: status, mode: mode, selection: selection, owned: false,
        heldPermissions: entry.heldPermissions),
      buffer: buffer(forDepth: 0))
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
    summary.elapsedSeconds = options.clock.now() - startTime
    return summary
  }

  // MARK: - The loop

  func run() {
    while let top = frames.indices.last {
      let entry: DirectoryEntry?
      do {
        entry = try frames[top].reader.next()
      } catch {
        summary.directoriesUnread += 1
        handler.walkNoticed(
          .unreadable(error), at: path.prefix(frames[top].pathLength), kind: .directory,
          needed: frames[top].isNeeded)
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
        pushed = take(entry, in: top, selection: .inside(pattern: pattern))
      case .unselected:
        pushed = take(entry, in: top, selection: .unselected)
      }
      if !pushed { path.truncate(to: frames[top].pathLength) }
    }
  }

  /// Decides one entry of a matching directory; returns whether a frame was pushed for it.
  private func match(_ entry: DirectoryEntry, nameStart: Int, in top: Int, scope: MatchScope)
    -> Bool
  {
    var kind = entry.kind
    var status: FileStatus?
    if kind == .unknown {
      guard let known = statusOrNotice(entry, in: top, needed: true) else { return false }
      status = known
      kind = known.kind
    }
    let isDirectory = kind == .directory
    let decision = patterns.lastMatch(
      path: path.bytes, nameStart: nameStart, isDirectory: isDirectory, in: scope)
    if let index = decision { summary.matchesPerPattern[index] += 1 }
    if let index = decision, !patterns.patterns[index].isNegated {
      frames[top].marks.insert(.leadsToSelection)
      return handle(entry, kind: kind, status: status, in: top, selection: .root(pattern: index))
    }
    guard isDirectory else {
      if options.visitsEveryEntry {
        visitLeaf(entry, kind: kind, status: status, in: top, selection: .unselected)
      }
      return false
    }
    let childScope = patterns.scope(entering: path.suffix(from: nameStart), from: scope)
    guard let childScope else {
      guard options.visitsEveryEntry else {
        summary.directoriesPruned += 1
        return false
      }
      return enter(entry, in: top, selection: .unselected, mode: .unselected)
    }
    return enter(entry, in: top, selection: .unselected, mode: .matching(childScope))
  }

  /// Handles an entry of a selected or unselected (never matched) directory.
  private func take(_ entry: DirectoryEntry, in top: Int, selection: EntrySelection) -> Bool {
    var kind = entry.kind
    var status: FileStatus?
    if kind == .unknown {
      guard let known = statusOrNotice(entry, in: top, needed: selection.isSelected) else {
        return false
      }
      status = known
      kind = known.kind
    }
    return handle(entry, kind: kind, status: status, in: top, selection: selection)
  }

  /// Counts a selected or listed entry and visits it (entering it when it is a directory).
  private func handle(
    _ entry: DirectoryEntry, kind: FileKind, status: FileStatus?, in top: Int,
    selection: EntrySelection
  ) -> Bool {
    let pattern: Int?
    switch selection {
    case .root(let index), .inside(let index): pattern = index
    case .unselected: pattern = nil
    }
    if selection.isSelected {
      if let pattern { summary.selectedPerPattern[pattern] += 1 }
      switch kind {
      case .directory: summary.selectedDirectories += 1
      case .regular: summary.selectedFiles += 1
      default: summary.selectedOther += 1
      }
    }
    if kind == .directory {
      return enter(
        entry, in: top, selection: selection,
        mode: selection.isSelected ? .selected(pattern: pattern) : .unselected)
    }
    visitLeaf(entry, kind: kind, status: status, in: top, selection: selection)
    return false
  }

  /// Visits an entry that is not a directory.
  private func visitLeaf(
    _ entry: DirectoryEntry, kind: FileKind, status: FileStatus?, in top: Int,
    selection: EntrySelection
  ) {
    var visited = WalkEntry(
      path: path.bytes, name: entry.name, parent: frames[top].descriptor,
      parentStatus: frames[top].entriesParentStatus, directory: nil, kind: kind,
      selection: selection,
      status: status,
      reachedThroughOpenDirectory: frames[top].entriesReachedThroughOpenDirectory)
    frames[top].marks.formUnion(handler.visit(&visited))
  }

  /// `fstatat` for an entry whose type the file system did not give; nil (noticed) when it failed.
  private func statusOrNotice(_ entry: DirectoryEntry, in top: Int, needed: Bool) -> FileStatus? {
    do {
      return try frames[top].descriptor.status(of: entry.name)
    } catch {
      let incident: WalkIncident =
        error == .noSuchFileOrDirectory ? .vanished : .unreadableStatus(error)
      handler.walkNoticed(incident, at: path.bytes, kind: .unknown, needed: needed)
      return nil
    }
  }

  /// The read buffer for a depth: large near the root, where directories are wide, small deep down.
  func buffer(forDepth depth: Int) -> UnsafeMutableRawBufferPointer {
    while buffers.count <= depth {
      let size = buffers.count < 8 ? 32768 : (buffers.count < 64 ? 8192 : 2048)
      buffers.append(.allocate(byteCount: size, alignment: 8))
    }
    return buffers[depth]
  }
}
