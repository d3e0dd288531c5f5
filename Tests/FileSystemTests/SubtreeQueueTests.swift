import Foundation
import Testing

@testable import FileSystem

@Suite struct SubtreeQueueTests {
  func task(_ name: String) -> SubtreeTask {
    SubtreeTask(
      descriptor: FileDescriptor(rawValue: -1),
      status: FileStatus(mode: 0o40755, userID: 0, groupID: 0),
      path: Array(name.utf8), mode: .selected(pattern: nil), selection: .inside(pattern: nil))
  }

  func name(_ next: SubtreeQueue.Next) -> String {
    switch next {
    case .task(let task): return String(decoding: task.path, as: UTF8.self)
    case .timedOut: return "timed out"
    case .finished: return "finished"
    }
  }

  @Test func handsTasksOutOldestFirst() {
    let queue = SubtreeQueue(threads: 1)
    queue.push(task("a"))
    queue.push(task("b"))
    #expect(name(queue.next()) == "a")
    #expect(name(queue.next()) == "b")
    #expect(name(queue.next()) == "finished")
    #expect(name(queue.next()) == "finished")
  }

  @Test func wantsWorkWhileFewerTasksThanThreadsAreQueued() {
    let queue = SubtreeQueue(threads: 2)
    #expect(queue.wantsWork)
    queue.push(task("a"))
    #expect(queue.wantsWork)
    queue.push(task("b"))
    #expect(!queue.wantsWork)
    _ = queue.next()
    #expect(queue.wantsWork)
  }

  @Test func aWaitingThreadGetsWhatAWalkingThreadQueues() throws {
    let queue = SubtreeQueue(threads: 2)
    var received: [String] = []
    // `.timedOut` without a deadline is a wake-up another thread's take beat: wait again, as the walk's
    // helpers do (`walkQueuedSubtrees`). Stopping there left the queue counting this thread as walking, and the
    // other thread waited for it forever (seen once under AddressSanitizer).
    let waiter = try JoinableThread.start {
      while true {
        switch queue.next() {
        case .task(let task): received.append(String(decoding: task.path, as: UTF8.self))
        case .timedOut: continue
        case .finished: return
        }
      }
    }
    for index in 0..<100 { queue.push(task("t\(index)")) }
    // This thread stops walking: once the other has taken everything, both see the end.
    var takenHere: [String] = []
    while true {
      let next = queue.next()
      if case .finished = next { break }
      if case .task = next { takenHere.append(name(next)) }
    }
    waiter.join()
    #expect(Set(received + takenHere).count == 100)
    #expect(received.count + takenHere.count == 100)
  }

  @Test func aDeadlineWakesTheMainThreadWhileAnotherStillWalks() {
    let queue = SubtreeQueue(threads: 2)
    let started = MonotonicClock().now()
    #expect(name(queue.next(deadline: started + 0.05)) == "timed out")
    #expect(MonotonicClock().now() - started >= 0.04)
  }

  @Test func aThreadThatNeverStartedDoesNotHoldUpTheEnd() {
    let queue = SubtreeQueue(threads: 2)
    queue.withdrawThread()
    #expect(name(queue.next()) == "finished")
  }
}
