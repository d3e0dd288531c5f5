import Core
import Foundation
import TestSupport
import Testing

/// `group-writable trace` against a command that tries to outlive or stall it.
extension CommandLineTests {
  @Test func aCommandThatStopsTheTracerIsKilledAndTheTraceIsIncomplete() throws {
    let tree = try app()
    // Were the stop let through, the kernel timer would still kill `trace` 10 seconds after `--seconds`.
    let result = try run([
      "trace", "--seconds", "2", "--app", tree.root, "--", "sh", "-c", "kill -STOP $PPID; sleep 60",
    ])
    #expect(result.status == ExitStatus.failure)
    #expect(
      result.errors.contains(
        "(1 process): a process did what the trace cannot follow, so the trace killed every process; a signal (9) "
          + "ended it\n"))
    #expect(
      result.errors.hasSuffix(
        DiagnosticRenderer.render(
          CommandError.traceIncomplete(unreadable: 0, unrecorded: 0, escape: .stopSignal).diagnostic
        )))
  }

  /// A tracer stopped from outside cannot end the trace itself: the kernel kills it `--seconds` + 5 + 5 seconds in,
  /// and `PTRACE_O_EXITKILL` every traced process with it.
  @Test func aStoppedTracerIsKilledWithEveryTracedProcessAfterTheTimeLimit() throws {
    let tree = try app()
    let pidFile = tree.path("traced.pid")
    let process = Process()
    process.executableURL = Self.executable
    process.arguments = [
      "trace", "--seconds", "1", "--app", tree.root, "--", "sh", "-c",
      "echo $$ > '\(pidFile)'; exec sleep 120",
    ]
    process.environment = Self.inherited
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    var traced: Int32?
    for _ in 0..<400 where traced == nil {
      traced = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap {
        Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
      }
      if traced == nil { Thread.sleep(forTimeInterval: 0.05) }
    }
    let pid = try #require(traced)
    kill(process.processIdentifier, SIGSTOP)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == SIGKILL)
    var alive = true
    for _ in 0..<100 where alive {
      alive = Self.isRunning(pid)
      if alive { Thread.sleep(forTimeInterval: 0.05) }
    }
    #expect(!alive, "the traced `sleep` (\(pid)) outlived the tracer")
  }

  /// Whether `pid` is a process that has not ended (a zombie has).
  static func isRunning(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let end = stat.lastIndex(of: ")")
    else { return false }
    return !stat[end...].hasPrefix(") Z")
  }
}
