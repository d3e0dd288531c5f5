extension TreeWalker {
  /// Starts one thread per helper handler; a thread that cannot be started leaves its share to the others.
  func startHelpers() -> [(walker: TreeWalker, thread: JoinableThread)] {
    guard !helperHandlers.isEmpty else { return [] }
    let queue = SubtreeQueue(threads: helperHandlers.count + 1)
    self.queue = queue
    var started: [(walker: TreeWalker, thread: JoinableThread)] = []
    for helperHandler in helperHandlers {
      let helper = TreeWalker(patterns: patterns, options: options, handler: helperHandler)
      helper.queue = queue
      helper.isHelper = true
      helper.budget = budget
      helper.startTime = startTime
      helper.appDevice = appDevice
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
  func walkQueuedSubtrees(from queue: SubtreeQueue) {
    while true {
      switch queue.next(deadline: isHelper ? nil : nextProgress) {
      case .task(let task):
        path.replace(with: task.path)
        baseDepth = task.depth
        openFrames += 1
        push(
          WalkFrame.base(
            descriptor: task.descriptor, status: task.status, mode: task.mode,
            selection: task.selection,
            owned: true, pathLength: task.path.count,
            reachedThroughOpenDirectory: task.reachedThroughOpenDirectory, upward: task.upward,
            heldPermissions: task.heldPermissions),
          buffer: buffer(forDepth: 0))
        run()
      case .timedOut:
        reportProgressIfDue()
      case .finished:
        return
      }
    }
  }

  /// On the main thread, reports progress when it is due; on a helper, publishes its count for that report.
  func reportProgressIfDue() {
    if isHelper {
      publishProgress()
      return
    }
    let now = options.clock.now()
    guard now >= nextProgress else { return }
    nextProgress = now + options.progressInterval
    var progress = WalkProgress(scanned: summary.scanned, elapsedSeconds: now - startTime)
    if let queue { progress.scanned += queue.helperScanned.load(ordering: .relaxed) }
    handler.walkProgress(progress)
  }

  private func publishProgress() {
    guard let queue else { return }
    queue.helperScanned.wrappingAdd(summary.scanned - publishedScanned, ordering: .relaxed)
    publishedScanned = summary.scanned
  }
}
