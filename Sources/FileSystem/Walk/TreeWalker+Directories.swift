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
      parentStatus: frames[top].status, directory: child, kind: .directory, selection: selection,
      status: status, reachedThroughOpenDirectory: frames[top].entriesReachedThroughOpenDirectory)
    frames[top].marks.formUnion(handler.visit(&visited))
    if let queue, queue.wantsWork, !isMatching(mode) {
      openFrames -= 1
      queue.push(
        SubtreeTask(
          descriptor: child, status: status, path: Array(path.bytes), mode: mode, selection: selection,
          reachedThroughOpenDirectory: frames[top].entriesReachedThroughOpenDirectory))
      return false
    }
    push(
      PendingFrame(
        descriptor: child, status: status, mode: mode, selection: selection, name: entry.name,
        owned: true, isBase: false, pathLength: path.count, parentPathLength: frames[top].pathLength,
        reachedThroughOpenDirectory: frames[top].entriesReachedThroughOpenDirectory),
      buffer: buffer(forDepth: frames.count))
    return true
  }

  /// Visits and leaves a directory that could not be opened (handlers may still change it by name).
  private func visitUnopened(_ entry: DirectoryEntry, in top: Int, selection: EntrySelection) {
    var visited = WalkEntry(
      path: path.bytes, name: entry.name, parent: frames[top].descriptor,
      parentStatus: frames[top].status, directory: nil, kind: .directory, selection: selection,
      reachedThroughOpenDirectory: frames[top].entriesReachedThroughOpenDirectory)
    frames[top].marks.formUnion(handler.visit(&visited))
    handler.leave(&visited)
  }

  private func isMatching(_ mode: WalkFrame.Mode) -> Bool {
    if case .matching = mode { return true }
    return false
  }

  /// Opens `name` in the top frame, first closing the shallowest open directories when the budget is spent (or
  /// the process runs out of descriptors).
  private func openWithinBudget(_ name: UnsafePointer<CChar>, in top: Int) throws(Errno) -> FileDescriptor {
    if openFrames >= budget { _ = closeShallowestFrame(below: top) }
    while true {
      do {
        return try frames[top].descriptor.openDirectory(name)
      } catch where error == .tooManyOpenFiles || error.rawValue == ENFILE {
        guard closeShallowestFrame(below: top) else { throw error }
      }
    }
  }

  /// Closes the shallowest open directory above `top` (never the app directory or a thread's base); false when
  /// there is none left to close.
  private func closeShallowestFrame(below top: Int) -> Bool {
    guard closedFrames < top, !frames[closedFrames].isBase, frames[closedFrames].ownsDescriptor else {
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
        descriptor: pending.descriptor, reader: DirectoryReader(descriptor: pending.descriptor, buffer: buffer),
        status: pending.status, pathLength: pending.pathLength, parentPathLength: pending.parentPathLength,
        mode: pending.mode, ownsDescriptor: pending.owned, isBase: pending.isBase, selection: pending.selection,
        name: pending.name, reachedThroughOpenDirectory: pending.reachedThroughOpenDirectory))
  }

  /// Leaves the top directory: opens its parent again if it was closed, hands the directory to `leave`, passes
  /// `leadsToSelection` up, and closes it.
  func finishTopFrame() {
    guard let frame = frames.popLast() else { return }
    if frame.isOpen, let parent = frames.indices.last, !frames[parent].isOpen, !frames[parent].isAbandoned {
      reopen(parent, from: frame)
    }
    if !frame.isAbandoned {
      var entry = WalkEntry(
        path: path.prefix(frame.pathLength), name: frame.name,
        parent: frames.last.map { $0.isOpen ? $0.descriptor : .none } ?? .none,
        parentStatus: frame.isBase ? nil : frames.last?.status, directory: frame.descriptor, kind: .directory,
        selection: frame.selection, marks: frame.marks, status: frame.status,
        reachedThroughOpenDirectory: frame.reachedThroughOpenDirectory)
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
  }

  /// Opens the closed frame `index` again through `..` of its child, checks it is the same directory, and goes on
  /// reading where it stopped; otherwise abandons it and every closed frame above it.
  private func reopen(_ index: Int, from child: WalkFrame) {
    do throws(Errno) {
      let parent = try child.descriptor.openParentDirectory()
      let status: FileStatus
      do throws(Errno) {
        status = try parent.status()
        guard status.device == frames[index].status.device, status.inode == frames[index].status.inode else {
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
