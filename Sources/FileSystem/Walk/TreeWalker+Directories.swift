#if canImport(Glibc)
  import Glibc
#endif

extension TreeWalker {
  /// Opens and visits a directory entry, then descends into it (or queues it for a helper thread); returns
  /// whether a frame was pushed. A directory that cannot be opened is still visited and left, without entries.
  func enter(
    _ entry: DirectoryEntry, in top: Int, selection: EntrySelection, mode: WalkFrame.Mode
  ) -> Bool {
    let needed: Bool
    if case .unselected = mode { needed = false } else { needed = true }
    let child: FileDescriptor
    let status: FileStatus
    do throws(Errno) {
      child = try openWithinBudget(entry.name, in: top)
      do {
        status = try child.status()
      } catch {
        child.close()
        throw error
      }
    } catch {
      switch error {
      case .noSuchFileOrDirectory:
        handler.walkNoticed(.vanished, at: path.bytes, kind: .directory, needed: needed)
      case .tooManySymbolicLinks, .notDirectory:
        handler.walkNoticed(.changedType, at: path.bytes, kind: .directory, needed: needed)
      default:
        summary.directoriesUnread += 1
        handler.walkNoticed(.unreadable(error), at: path.bytes, kind: .directory, needed: needed)
        visitUnopened(entry, in: top, selection: selection)
      }
      return false
    }
    if status.isMountRoot || status.device != appDevice {
      child.close()
      summary.mountPointsSkipped += 1
      handler.walkNoticed(.otherFileSystem, at: path.bytes, kind: .directory, needed: needed)
      return false
    }
    openFrames += 1
    summary.directoriesRead += 1
    var visited = WalkEntry(
      path: path.bytes, name: entry.name, parent: frames[top].descriptor,
      parentStatus: frames[top].entriesParentStatus, directory: child, kind: .directory,
      selection: selection, status: status,
      reachedThroughOpenDirectory: frames[top].entriesReachedThroughOpenDirectory)
    frames[top].marks.formUnion(handler.visit(&visited))
    let matching = isMatching(mode)
    let depth = baseDepth + frames.count
    let sharesMatching =
      depth <= Self.deepestSharedMatching && budget >= Self.budgetForSharedMatching
    if let queue, queue.wantsWork, !matching || sharesMatching {
      openFrames -= 1
      var upward: PendingLeave?
      if matching {
        // The directory's leave waits for what is selected below this one.
        let pending = frames[top].pendingLeave ?? PendingLeave()
        frames[top].pendingLeave = pending
        pending.expect()
        upward = pending
      }
      queue.push(
        SubtreeTask(
          descriptor: child, status: status, path: Array(path.bytes), mode: mode,
          selection: selection,
          reachedThroughOpenDirectory: frames[top].entriesReachedThroughOpenDirectory,
          upward: upward,
          depth: depth, heldPermissions: visited.heldPermissions))
      return false
    }
    push(
      PendingFrame(
        descriptor: child, status: status, mode: mode, selection: selection, name: entry.name,
        owned: true, isBase: false, pathLength: path.count,
        parentPathLength: frames[top].pathLength,
        reachedThroughOpenDirectory: frames[top].entriesReachedThroughOpenDirectory,
        heldPermissions: visited.heldPermissions),
      buffer: buffer(forDepth: frames.count))
    return true
  }

  /// Visits and leaves a directory that could not be opened (handlers may still change it by name).
  private func visitUnopened(_ entry: DirectoryEntry, in top: Int, selection: EntrySelection) {
    var visited = WalkEntry(
      path: path.bytes, name: entry.name, parent: frames[top].descriptor,
      parentStatus: frames[top].entriesParentStatus, directory: nil, kind: .directory,
      selection: selection,
      reachedThroughOpenDirectory: frames[top].entriesReachedThroughOpenDirectory)
    frames[top].marks.formUnion(handler.visit(&visited))
    handler.leave(&visited)
  }

  /// Matching subtrees are handed to other threads only this close to the root, so the directories parked
  /// above them (each holding its descriptor) stay few.
  static let deepestSharedMatching = 24
  /// ... and only with room for the parked directories besides each thread's own budget: a walk under a low
  /// open-file limit keeps matching on one thread, as before.
  static let budgetForSharedMatching = 4 * deepestSharedMatching

  private func isMatching(_ mode: WalkFrame.Mode) -> Bool {
    if case .matching = mode { return true }
    return false
  }

  /// Opens `name` in the top frame, first closing the shallowest open directories when the budget is spent (or
  /// the process runs out of descriptors).
  private func openWithinBudget(_ name: UnsafePointer<CChar>, in top: Int) throws(Errno)
    -> FileDescriptor
  {
    if openFrames >= budget { _ = closeShallowestFrame(below: top) }
    while true {
      do {
        return try frames[top].descriptor.openDirectory(name)
      } catch  where error == .tooManyOpenFiles || error.rawValue == ENFILE {
        guard closeShallowestFrame(below: top) else { throw error }
      }
    }
  }

  /// Closes the shallowest open directory above `top` (never the app directory or a thread's base); false when
  /// there is none left to close.
  private func closeShallowestFrame(below top: Int) -> Bool {
    guard closedFrames < top, !frames[closedFrames].isBase, frames[closedFrames].ownsDescriptor
    else {
      return false
    }
    frames[closedFrames].descriptor.close()
    frames[closedFrames].isOpen = false
    openFrames -= 1
    closedFrames += 1
    return true
  }

  func push(_ pending: PendingFrame, buffer: UnsafeMutableRawBufferPointer) {
    frames.append(
      WalkFrame(
        descriptor: pending.descriptor,
        reader: DirectoryReader(descriptor: pending.descriptor, buffer: buffer),
        status: pending.status, heldPermissions: pending.heldPermissions,
        pathLength: pending.pathLength,
        parentPathLength: pending.parentPathLength,
        mode: pending.mode, ownsDescriptor: pending.owned, isBase: pending.isBase,
        selection: pending.selection,
        name: pending.name, reachedThroughOpenDirectory: pending.reachedThroughOpenDirectory,
        upward: pending.upward))
  }

  /// Leaves the top directory: opens its parent again if it was closed, hands the directory to `leave`, passes
  /// `leadsToSelection` up, and closes it. A directory with matching subtrees other threads still walk is parked
  /// instead, and left by the thread that finishes the last of them (`PendingLeave`).
  func finishTopFrame() {
    guard var frame = frames.popLast() else { return }
    if frame.isOpen, let parent = frames.indices.last, !frames[parent].isOpen,
      !frames[parent].isAbandoned
    {
      reopen(parent, from: frame)
    }
    if let pending = frame.pendingLeave {
      let upward = frame.isBase ? frame.upward : pendingLeave(of: frames.count - 1)
      if !frame.isBase { upward?.expect() }
      if let marks = pending.finish(parked(frame, upward: upward)) {
        if !frame.isBase { _ = upward?.complete(marks: []) }
        frame.marks.formUnion(marks)
      } else {
        // Parked with its descriptor, which is no longer this thread's to count.
        if frame.ownsDescriptor && frame.isOpen { openFrames -= 1 }
        path.truncate(to: frame.parentPathLength)
        closedFrames = min(closedFrames, max(1, frames.count))
        return
      }
    }
    if !frame.isAbandoned {
      var entry = WalkEntry(
        path: path.prefix(frame.pathLength), name: frame.name,
        parent: frames.last.map { $0.isOpen ? $0.descriptor : .none } ?? .none,
        parentStatus: frame.isBase ? nil : frames.last?.entriesParentStatus,
        directory: frame.descriptor, kind: .directory,
        selection: frame.selection, marks: frame.marks, status: frame.status,
        reachedThroughOpenDirectory: frame.reachedThroughOpenDirectory,
        heldPermissions: frame.heldPermissions)
      handler.leave(&entry)
    }
    if frame.marks.contains(.leadsToSelection), let parent = frames.indices.last {
      frames[parent].marks.insert(.leadsToSelection)
    }
    if frame.ownsDescriptor && frame.isOpen {
      frame.descriptor.close()
      openFrames -= 1
    }
    path.truncate(to: frame.parentPathLength)
    closedFrames = min(closedFrames, max(1, frames.count))
    if frame.isBase, let upward = frame.upward {
      leaveParked(upward.complete(marks: frame.marks.intersection(.leadsToSelection)))
    }
  }

  /// The pending leave of frame `index`, made when it has none yet.
  private func pendingLeave(of index: Int) -> PendingLeave? {
    guard frames.indices.contains(index) else { return nil }
    let pending = frames[index].pendingLeave ?? PendingLeave()
    frames[index].pendingLeave = pending
    return pending
  }

  private func parked(_ frame: WalkFrame, upward: PendingLeave?) -> ParkedDirectory {
    let name = UnsafeBufferPointer(start: frame.name, count: strlen(frame.name) + 1)
    return ParkedDirectory(
      path: Array(path.prefix(frame.pathLength)), name: Array(name), descriptor: frame.descriptor,
      ownsDescriptor: frame.ownsDescriptor && frame.isOpen, status: frame.status,
      heldPermissions: frame.heldPermissions, selection: frame.selection,
      reachedThroughOpenDirectory: frame.reachedThroughOpenDirectory, marks: frame.marks,
      isAbandoned: frame.isAbandoned || !frame.isOpen, upward: upward)
  }

  /// Leaves `parked` (the last subtree below it is done), then each directory above that waited only for it.
  private func leaveParked(_ parked: ParkedDirectory?) {
    var next = parked
    while let directory = next {
      if !directory.isAbandoned {
        directory.path.withUnsafeBufferPointer { path in
          directory.name.withUnsafeBufferPointer { name in
            guard let nameStart = name.baseAddress else { return }
            var entry = WalkEntry(
              path: path, name: nameStart, parent: .none, parentStatus: nil,
              directory: directory.descriptor,
              kind: .directory, selection: directory.selection, marks: directory.marks,
              status: directory.status,
              reachedThroughOpenDirectory: directory.reachedThroughOpenDirectory,
              heldPermissions: directory.heldPermissions)
            handler.leave(&entry)
          }
        }
      }
      if directory.ownsDescriptor { directory.descriptor.close() }
      next = directory.upward?.complete(marks: directory.marks.intersection(.leadsToSelection))
    }
  }

  /// Opens the closed frame `index` again through `..` of its child, checks it is the same directory, and goes on
  /// reading where it stopped; otherwise abandons it and every closed frame above it.
  private func reopen(_ index: Int, from child: WalkFrame) {
    do throws(Errno) {
      let parent = try child.descriptor.openParentDirectory()
      let status: FileStatus
      do throws(Errno) {
        status = try parent.status()
        guard status.device == frames[index].status.device,
          status.inode == frames[index].status.inode
        else {
          throw Errno.changedDuringWalk
        }
        try frames[index].reader.resume(with: parent)
      } catch {
        parent.close()
        throw error
      }
      frames[index].descriptor = parent
      frames[index].isOpen = true
      openFrames += 1
      closedFrames = index
      summary.directoriesReopened += 1
    } catch {
      let incident: WalkIncident = error == .changedDuringWalk ? .changedType : .unreadable(error)
      for abandoned in 1...index where !frames[abandoned].isOpen {
        frames[abandoned].isAbandoned = true
        frames[abandoned].reader.abandon()
        summary.directoriesUnread += 1
        handler.walkNoticed(
          incident, at: path.prefix(frames[abandoned].pathLength), kind: .directory,
          needed: frames[abandoned].isNeeded)
      }
    }
  }
}

extension Errno {
  /// `ESTALE`: an entry or directory was replaced by another between being inspected and being used.
  public static let changedDuringWalk = Errno(rawValue: ESTALE)
}
