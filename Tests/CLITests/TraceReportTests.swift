import ChildProcessSupport
import Core
import FileSystem
import Foundation
import Patterns
import Testing
import Tracer

@testable import CLI

/// What `trace` prints for a result: the exact text, the JSON document, and the exit status.
@Suite(.spawnedTOMLParser) struct TraceReportTests {
  static let header = "## \(BuildpackInfo.name) (v\(BuildpackInfo.version))\n\n"

  static func path(_ text: String) -> RelativePath { (try? RelativePath(text)) ?? .appDirectory }

  static func record(
    _ path: String, _ action: WriteAction, _ error: Errno? = nil, call: String = "openat",
    count: Int = 1,
    sqlite: Bool = false
  ) -> TraceRecord {
    TraceRecord(
      write: TracedWrite(
        path: Self.path(path), action: action, error: error, isSQLiteDatabase: sqlite), call: call,
      count: count)
  }

  static func result(
    _ records: [TraceRecord], unrecorded: Int = 0, unreadable: Int = 0, processes: Int = 3,
    ending: TraceEnding? = .exited(0), stop: TraceStop = .finished, seconds: Double = 4.213
  ) -> TraceResult {
    TraceResult(
      records: records, unrecorded: unrecorded, unreadable: unreadable, processes: processes,
      ending: ending,
      stop: stop, seconds: seconds)
  }

  static func report(
    _ result: TraceResult, command: [String] = ["bin/rails", "server"], patterns: [String]? = nil
  ) throws -> TraceReport {
    let configuration = try patterns.map {
      try Configuration.commandLine(options: $0, file: nil, debug: false)
    }
    return TraceReport(
      command: command, appDirectory: "/workspace", result: result, records: result.records,
      configuration: configuration)
  }

  static let eacces = Errno.permissionDenied

  /// A Rails start: pids, a log, a database with its journal, a pid file at the root, an `rm -f`.
  static let rails = [
    record("tmp/pids", .makeDirectory, eacces, call: "mkdir"),
    record("log/development.log", .create, eacces, count: 3),
    record("db/development.sqlite3", .writeInPlace, eacces, sqlite: true),
    record("db/development.sqlite3-journal", .create, eacces, count: 2),
    record("tmp/cache/x", .remove, .noSuchFileOrDirectory, call: "unlinkat"),
    record("server.pid", .create),
  ]

  static let railsWrites = """
    - 6 writes in `/workspace`, 4 denied:
      - `./`
        - `server.pid`: created (`openat`)
      - `db/`
        - `development.sqlite3`: written in place (`openat`), denied: `EACCES`
        - `development.sqlite3-journal`: created (`openat`, 2 calls), denied: `EACCES`
      - `log/`
        - `development.log`: created (`openat`, 3 calls), denied: `EACCES`
      - `tmp/`
        - `pids/`: made (`mkdir`), denied: `EACCES`
      - `tmp/cache/`
        - `x`: removed (`unlinkat`), failed: `ENOENT`
    - Suggested configuration, for `project.toml`:

          [utility.group-writable]
          paths = [ '/db/development.sqlite3', '/log/', '/tmp/' ]

    """

  static let rootWarning = DiagnosticRenderer.render(
    SuggestionNote.appDirectoryEntries(["server.pid"]).diagnostic)

  @Test func aRunWithDenialsPrintsThemAndTheSuggestion() throws {
    let report = try Self.report(Self.result(Self.rails, ending: .exited(1)))
    #expect(
      report.text
        == Self.header
        + "- Traced `bin/rails server` for 4.21s (3 processes): it exited with status 1\n"
        + Self.railsWrites + "\n" + Self.rootWarning)
    #expect(report.exitStatus == ExitStatus.writesDenied)
  }

  @Test func aRunWithNoWritesSaysSo() throws {
    let report = try Self.report(Self.result([], processes: 1, seconds: 0.05), command: ["true"])
    #expect(
      report.text
        == Self.header + """
          - Traced `true` for 0.05s (1 process): it exited with status 0
          - No writes in `/workspace`

          """)
    #expect(report.exitStatus == ExitStatus.success)
  }

  @Test func writesThatNeedNoPatternSaySo() throws {
    let report = try Self.report(
      Self.result([
        Self.record("tmp/x", .remove, .noSuchFileOrDirectory, call: "unlink"),
        Self.record("tmp", .makeDirectory, .fileExists, call: "mkdir"),
      ]))
    #expect(
      report.text
        == Self.header + """
          - Traced `bin/rails server` for 4.21s (3 processes): it exited with status 0
          - 2 writes in `/workspace`:
            - `./`
              - `tmp/`: made (`mkdir`), failed: `EEXIST`
            - `tmp/`
              - `x`: removed (`unlink`), failed: `ENOENT`
          - No pattern to suggest

          """)
    #expect(report.exitStatus == ExitStatus.success)
  }

  static let configRecords = [
    record("tmp/pids/server.pid", .create, eacces, count: 2), record("log/a.log", .writeInPlace),
    record("tmp/pids/server.pid", .changeMode, call: "fchmod"),
  ]

  static let configTrace = """
    - Traced `bin/rails server` for 4.21s (3 processes): it exited with status 0
    - 3 writes in `/workspace`, 1 denied:
      - `log/`
        - `a.log`: written in place (`openat`)
      - `tmp/pids/`
        - `server.pid`: created (`openat`, 2 calls), denied: `EACCES`
        - `server.pid`: mode changed (`fchmod`)
    - Suggested configuration, for `project.toml`:

          [utility.group-writable]
          paths = [ '/log/a.log', '/tmp/pids/' ]


    """

  @Test func withTheConfigurationEveryWriteAllowedExitsZero() throws {
    let report = try Self.report(Self.result(Self.configRecords), patterns: ["/tmp/", "/log/"])
    #expect(
      report.text
        == Self.header + Self.configTrace
        + "- With the app's configuration, every write would be allowed after a build\n"
        + "- 1 write denied in this run would be allowed: build the app with this configuration, and run it as a "
        + "user in the build group (`docker run --group-add GID`, Kubernetes `fsGroup`)\n")
    #expect(report.deniedAfterBuild == [])
    #expect(report.exitStatus == ExitStatus.success)
  }

  @Test func writesDeniedNowButAllowedAfterABuildSayWhatToDo() throws {
    let records = [Self.record("tmp/pids/server.pid", .create, Self.eacces)]
    let report = try Self.report(Self.result(records), patterns: ["/tmp/"])
    #expect(report.deniedAfterBuild == [])
    #expect(
      report.text.hasSuffix(
        """
        - With the app's configuration, every write would be allowed after a build
        - 1 write denied in this run would be allowed: build the app with this configuration, and run it as a \
        user in the build group (`docker run --group-add GID`, Kubernetes `fsGroup`)

        """))
    #expect(report.exitStatus == ExitStatus.success)
  }

  @Test func withTheConfigurationTheWritesItDeniesAreListed() throws {
    let report = try Self.report(Self.result(Self.configRecords), patterns: ["/log/"])
    #expect(
      report.text
        == Self.header + Self.configTrace + """
          - With the app's configuration, 1 write would be denied after a build:
            - `tmp/pids/`
              - `server.pid`: created (`openat`, 2 calls)

          """)
    #expect(report.exitStatus == ExitStatus.writesDenied)
  }

  @Test func withTheConfigurationAWriteDeniedOnlyAfterTheBuildExitsTwo() throws {
    let records = [Self.record("log/a.log", .writeInPlace, count: 12_000)]
    let report = try Self.report(Self.result(records), patterns: ["/tmp/"])
    #expect(
      report.text
        == Self.header + """
          - Traced `bin/rails server` for 4.21s (3 processes): it exited with status 0
          - 1 write in `/workspace`:
            - `log/`
              - `a.log`: written in place (`openat`, 12,000 calls)
          - Suggested configuration, for `project.toml`:

                [utility.group-writable]
                paths = [ '/log/a.log' ]

          - With the app's configuration, 1 write would be denied after a build:
            - `log/`
              - `a.log`: written in place (`openat`, 12,000 calls)

          """)
    #expect(report.exitStatus == ExitStatus.writesDenied)
  }

  @Test func anIncompleteTraceSaysSoAndExitsOne() throws {
    let records = [Self.record("tmp/pids/server.pid", .create, .noSuchFileOrDirectory)]
    let result = Self.result(records, unrecorded: 4, unreadable: 1)
    let incomplete = DiagnosticRenderer.render(
      CommandError.traceIncomplete(unreadable: 1, unrecorded: 4).diagnostic)
    let trace = """
      - Traced `bin/rails server` for 4.21s (3 processes): it exited with status 0
      - 1 write in `/workspace`:
        - `tmp/pids/`
          - `server.pid`: created (`openat`), failed: `ENOENT`
      - Suggested configuration, for `project.toml`:

            [utility.group-writable]
            create = [ 'tmp/pids' ]

      """
    let report = try Self.report(result)
    #expect(report.text == Self.header + trace + "\n" + incomplete)
    #expect(report.exitStatus == ExitStatus.failure)
    // Incomplete wins over a configuration that allows everything.
    let configured = try Self.report(result, patterns: [])
    #expect(
      configured.deniedAfterBuild == [
        Self.write("tmp/pids/server.pid", .create, .noSuchFileOrDirectory)
      ])
    #expect(configured.exitStatus == ExitStatus.failure)
    let unrecordedOnly = try Self.report(Self.result(records, unrecorded: 1))
    #expect(unrecordedOnly.exitStatus == ExitStatus.failure)
    #expect(
      unrecordedOnly.text.hasSuffix(
        DiagnosticRenderer.render(
          CommandError.traceIncomplete(unreadable: 0, unrecorded: 1).diagnostic)))
  }

  @Test func anEscapeEndsTheReportIncompleteAndExitsOne() throws {
    let result = TraceResult(
      records: [Self.record("tmp/x", .create)], unrecorded: 0, unreadable: 0, processes: 2,
      ending: .killed(signal: 9), stop: .escaped, seconds: 0.12, escape: .untracedChild)
    let report = try Self.report(result)
    #expect(
      report.text == Self.header + """
        - Traced `bin/rails server` for 0.12s (2 processes): a process did what the trace cannot follow, so the \
        trace killed every process; a signal (9) ended it
        - 1 write in `/workspace`:
          - `tmp/`
            - `x`: created (`openat`)
        - Suggested configuration, for `project.toml`:

              [utility.group-writable]
              paths = [ '/tmp/' ]


        """
        + DiagnosticRenderer.render(
          CommandError.traceIncomplete(unreadable: 0, unrecorded: 0, escape: .untracedChild)
            .diagnostic))
    #expect(report.exitStatus == ExitStatus.failure)
    #expect(try Self.report(result, patterns: ["/tmp/"]).exitStatus == ExitStatus.failure)
  }
}
