import ChildProcessSupport
import Glibc
import Testing

@testable import FileSystem

/// `IsolatedCall` forks without exec, so it is run in the one-threaded `ChildProbe`, never in the test runner.
@Suite struct IsolatedCallTests {
  /// What `ChildProbe isolated-call` printed for a scenario, and the probe's own ending.
  func probe(_ scenario: String...) -> SpawnedProcess.Ending {
    SpawnedProcess.run(BuiltExecutable.childProbe, ["isolated-call"] + scenario, seconds: 60)
  }

  @Test(arguments: [Int32(0), 1, 7, 255])
  func reportsTheStatusTheFunctionReturned(status: Int32) {
    let ending = probe("return", "\(status)")
    #expect(ending.outcome == .returned(0))
    #expect(ending.output == "returned \(status)\n")
  }

  @Test(arguments: [("abort", SIGABRT), ("segv", SIGSEGV)])
  func reportsTheSignalThatKilledTheChild(scenario: String, signal: Int32) {
    #expect(probe(scenario).output == "killed \(signal)\n")
  }

  @Test func stopsAChildThatRunsOutOfTime() {
    #expect(probe("sleep").output == "timed-out\n")
  }

  @Test func killsAChildThatNeverArmedOrIgnoresItsAlarm() {
    let clock = MonotonicClock()
    let started = clock.now()
    #expect(probe("ignore-alarm").output == "timed-out\n")
    // The parent's own deadline (1 s + `parentGrace`) ends it, long before its 30 s sleep.
    #expect(clock.now() - started < 25)
  }

  @Test func leavesTheCallersMemoryAlone() {
    #expect(probe("memory").output == "returned 42\n")
  }

  /// A debug build refuses to fork while a second thread runs, and says why, instead of risking a child
  /// that waits forever on a lock the other thread held.
  @Test func stopsLoudlyWhenASecondThreadRuns() {
    let ending = probe("second-thread")
    #expect(ending.output == "")
    #expect(ending.outcome == .killed(signal: SIGILL) || ending.outcome == .killed(signal: SIGTRAP))
    // Two threads, or three where a sanitizer's runtime started its own.
    #expect(ending.errors.contains("IsolatedCall.run forks without exec while "))
    #expect(
      ending.errors.contains(
        " threads run; a lock another thread holds would never be released in the child. Fork only while "
          + "the process has one thread"))
  }
}

/// The thread count `IsolatedCall`'s check reads.
@Suite struct ProcessThreadsTests {
  @Test(
    arguments: [
      ("1 (sh) S 0 1 1 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 5 1 2 3", 1),
      ("7 (a b) c)) R 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 12 0 9", 12),
      ("7 (name) R 1 7", nil),
      ("no parenthesis", nil),
      ("7 (x) R 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1a 0", nil),
    ] as [(String, Int?)])
  func readsNumThreadsAfterTheLastParenthesis(line: String, expected: Int?) {
    #expect(ProcessThreads.numberOfThreads(inStat: Array(line.utf8)) == expected)
  }
}
