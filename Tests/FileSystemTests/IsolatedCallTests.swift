import FileSystem
import Glibc
import Testing

@Suite struct IsolatedCallTests {
  @Test(arguments: [Int32(0), 1, 7, 255])
  func reportsTheStatusTheFunctionReturned(status: Int32) {
    #expect(IsolatedCall.run(timeLimit: 10) { status } == .returned(status))
  }

  @Test func reportsTheSignalThatKilledTheChild() {
    #expect(IsolatedCall.run(timeLimit: 10) { abort() } == .killed(signal: SIGABRT))
    #expect(
      IsolatedCall.run(timeLimit: 10) { raise(SIGSEGV); return 0 } == .killed(signal: SIGSEGV))
  }

  @Test func stopsAChildThatRunsOutOfTime() {
    #expect(IsolatedCall.run(timeLimit: 1) { sleep(5); return 0 } == .timedOut)
  }

  @Test func killsAChildThatNeverArmedOrIgnoresItsAlarm() {
    let clock = MonotonicClock()
    let started = clock.now()
    let outcome = IsolatedCall.run(timeLimit: 1) {
      _ = signal(SIGALRM, SIG_IGN)
      sleep(30)
      return 0
    }
    #expect(outcome == .timedOut)
    #expect(clock.now() - started < 10)
  }

  @Test func leavesTheCallersMemoryAlone() {
    var counter = 1
    let outcome = IsolatedCall.run(timeLimit: 10) {
      counter += 41
      return Int32(counter)
    }
    #expect(outcome == .returned(42))
    #expect(counter == 1)
  }
}
