import ChildProcessSupport
import Core
import FileSystem
import Foundation
import Patterns
import Testing
import Tracer

@testable import CLI

/// The report's limits, how a trace ended, and escaping.
extension TraceReportTests {
  static func write(_ path: String, _ action: WriteAction, _ error: Errno? = nil) -> TracedWrite {
    TracedWrite(path: Self.path(path), action: action, error: error)
  }

  @Test func moreWritesThanShownEndWithHowManyMore() throws {
    #expect(TraceLimits.writesShown == 200)
    let names = (0..<203).map { String(format: "f%03d", $0) }
    let first: [TraceRecord] = names.prefix(150).map { Self.record("a/\($0)", .create) }
    let second: [TraceRecord] = names.dropFirst(150).map { Self.record("b/\($0)", .create) }
    let report = try Self.report(Self.result(first + second))
    var shown: [String] = ["  - `a/`"]
    shown += names.prefix(150).map { "    - `\($0)`: created (`openat`)" }
    shown.append("  - `b/`")
    shown += names.dropFirst(150).prefix(50).map { "    - `\($0)`: created (`openat`)" }
    let start =
      Self.header + "- Traced `bin/rails server` for 4.21s (3 processes): it exited with status 0\n"
    let list = "- 203 writes in `/workspace`:\n" + shown.joined(separator: "\n") + "\n"
    let more = "  - … and 3 more writes (`--json` lists them all)\n"
    #expect(
      report.text
        == start + list + more + """
          - Suggested configuration, for `project.toml`:

                [utility.group-writable]
                paths = [ '/a/', '/b/' ]

          """)
  }

  @Test func aDirectoryPastTheLimitIsNotShown() throws {
    let names = (0..<201).map { String(format: "f%03d", $0) }
    let records: [TraceRecord] = names.prefix(200).map { Self.record("a/\($0)", .create) }
    let text = try Self.report(Self.result(records + [Self.record("b/x", .create)])).text
    #expect(!text.contains("`b/`"))
    #expect(
      text.contains(
        "    - `f199`: created (`openat`)\n  - … and 1 more write (`--json` lists them all)\n"))
  }

  @Test(
    arguments: [
      (
        TraceStop.timeLimit, TraceEnding.killed(signal: 15), 12.34, "12.3s",
        "`--seconds` ran out, so the trace ended it; a signal (15) ended it"
      ),
      (
        .interrupted, .exited(0), 75.4, "1m 15s",
        "the trace was interrupted and ended it; it exited with status 0"
      ),
      (.finished, .killed(signal: 9), 0.004, "0.00s", "a signal (9) ended it"),
      (
        .interrupted, nil, 3, "3.00s",
        "the trace was interrupted and ended it; its end was not seen"
      ),
    ] as [(TraceStop, TraceEnding?, Double, String, String)])
  func theFirstLineSaysHowTheTraceEnded(
    stop: TraceStop, ending: TraceEnding?, seconds: Double, duration: String, sentence: String
  ) throws {
    let report = try Self.report(
      Self.result([], processes: 2, ending: ending, stop: stop, seconds: seconds))
    #expect(
      report.text
        == Self.header + "- Traced `bin/rails server` for \(duration) (2 processes): \(sentence)\n"
        + "- No writes in `/workspace`\n")
    #expect(report.exitStatus == ExitStatus.success)
  }

  /// Names are escaped once, as `DisplayPath` escapes them.
  @Test func namesAreEscapedOnce() throws {
    let report = try Self.report(Self.result([Self.record("a\\b/c\nd", .create)]))
    #expect(report.text.contains("  - `a\\\\b/`\n    - `c\\nd`: created (`openat`)\n"))
  }
}
