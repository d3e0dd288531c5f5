import Core
import FileSystem
import Patterns
import TestSupport
import Testing

@testable import Tracer

#if canImport(Glibc)
  import Glibc
#endif

/// Traces real commands (`/bin/sh` and coreutils) in a scratch app directory.
@Suite(.serialized) struct TracerTests {
  /// What tracing `script` with `/bin/sh -c` in `tree` (the working directory) saw, writes as `action path error`.
  static func trace(
    _ script: String, in tree: TemporaryTree, seconds: Double? = nil
  ) throws -> (result: TraceResult, lines: [String]) {
    let app = try #require(ExecutableLookupForTests.realPath(tree.root))
    let request = TraceRequest(
      executable: "/bin/sh", arguments: ["sh", "-c", "cd '\(tree.root)' && " + script],
      environment: ["PATH=/usr/bin:/bin", "LC_ALL=C"], appDirectory: app, seconds: seconds)
    let result = try PtraceWriteTracer().trace(request)
    let lines = result.records.map { record in
      "\(record.write.action.rawValue) \(record.write.path.isAppDirectory ? "." : record.write.path.description)"
        + (record.write.error.map { " \($0.name)" } ?? "")
    }
    return (result, lines)
  }

  @Test(arguments: [
    ("mkdir d", ["makeDirectory d"]),
    ("echo x > new", ["create new"]),
    ("echo x > old", ["writeInPlace old"]),
    ("echo x >> old", ["writeInPlace old"]),
    ("mv old moved", ["renameFrom old", "renameTo moved"]),
    ("rm old", ["remove old"]),
    ("rmdir empty", ["remove empty"]),
    ("ln -s old link", ["create link"]),
    ("ln old hard", ["create hard"]),
    ("chmod 600 old", ["changeMode old"]),
    ("mkfifo fifo", ["create fifo"]),
    // `touch` opens the file for writing, then sets the times; `truncate` opens it, then calls `ftruncate`.
    ("touch -d 2020-01-01 old", ["writeInPlace old", "changeTimes old"]),
    ("truncate -s 0 old", ["writeInPlace old", "writeInPlace old"]),
    ("mkdir missing/x", ["makeDirectory missing/x ENOENT"]),
    ("cat old > /dev/null; ls -R > /dev/null", []),
    ("echo x > /dev/null; mkdir -p /tmp/group-writable-trace-outside", []),
    ("cd empty && echo x > ../relative", ["create relative"]),
    ("find empty -delete", ["remove empty"]),
    ("(echo x > child) & wait", ["create child"]),
    // A rename of a missing name needs nothing; one into a missing directory needs the directory.
    ("mv missing moved 2>/dev/null", ["renameFrom missing ENOENT"]),
    ("mv old nowhere/x 2>/dev/null", ["renameFrom old ENOENT", "renameTo nowhere/x ENOENT"]),
  ])
  func recordsEachWriteInTheAppDirectory(script: String, expected: [String]) throws {
    let tree = try TemporaryTree()
    try tree.file("old", contents: "old\n")
    try tree.directory("empty")
    let lines = try Self.trace(script, in: tree).lines.filter { !$0.hasPrefix("writeInPlace /") }
    #expect(lines == expected, "\(script)")
  }

  @Test func bindsOfUnixSocketsCreateTheirPath() throws {
    let tree = try TemporaryTree()
    let python = "/usr/bin/python3"
    #expect(access(python, X_OK) == 0, "the test needs \(python) (Debian's python3)")
    let (_, lines) = try Self.trace(
      "\(python) -c 'import socket; socket.socket(socket.AF_UNIX).bind(\"sock\"); "
        + "socket.socket(socket.AF_UNIX).bind(\"\\0abstract\")'", in: tree)
    #expect(lines == ["create sock"])
  }

  @Test func countsRepeatsOnceAndKeepsTheOrderOfFirstCalls() throws {
    let tree = try TemporaryTree()
    try tree.file("b")
    let (result, lines) = try Self.trace(
      "for i in 1 2 3; do echo $i >> b; done; echo > a", in: tree)
    #expect(lines == ["writeInPlace b", "create a"])
    #expect(result.records.map(\.count) == [3, 1])
    #expect(result.isComplete)
  }

  @Test(arguments: [("exit 3", TraceEnding.exited(3)), ("kill -9 $$", .killed(signal: SIGKILL))])
  func reportsHowTheCommandEnded(script: String, ending: TraceEnding) throws {
    let tree = try TemporaryTree()
    let (result, _) = try Self.trace(script, in: tree)
    #expect(result.ending == ending)
    #expect(result.stop == .finished)
  }

  @Test func endsTheProcessesWhenTheTimeLimitRunsOut() throws {
    let tree = try TemporaryTree()
    let (result, lines) = try Self.trace(
      "echo x > before; sleep 30 & sleep 30; echo x > after", in: tree, seconds: 0.5)
    #expect(result.stop == .timeLimit)
    #expect(result.seconds < 5)
    #expect(lines == ["create before"])
    #expect(result.processes >= 2)
  }

  /// `/usr/bin/python3 -c SCRIPT` as a shell word (for hostile calls a shell cannot make).
  static func python(_ script: String) -> String {
    #expect(
      access("/usr/bin/python3", X_OK) == 0, "the test needs /usr/bin/python3 (Debian's python3)")
    return "/usr/bin/python3 -c '\(script)'"
  }

  @Test func countsCallsWhoseArgumentsCannotBeReadAndSaysTheTraceIsIncomplete() throws {
    let tree = try TemporaryTree()
    // `mkdir` with an address nothing is mapped at, then a path longer than `PATH_MAX`.
    let (result, lines) = try Self.trace(
      Self.python("import ctypes; libc = ctypes.CDLL(None); libc.syscall(83, 16, 0o755)")
        + "; mkdir \"$(printf 'a%.0s' $(seq 5000))\" 2>/dev/null; mkdir after", in: tree)
    #expect(result.unreadable == 2)
    #expect(!result.isComplete)
    #expect(lines == ["makeDirectory after"])
  }

  @Test func keepsAtMostTheCapOfDistinctWritesAndCountsTheRest() throws {
    let tree = try TemporaryTree()
    let extra = 25
    let (result, _) = try Self.trace(
      Self.python(
        "[open(\"f%d\" % i, \"w\").close() for i in range(\(TraceLimits.distinctWrites + extra))]"),
      in: tree)
    #expect(result.records.count == TraceLimits.distinctWrites)
    #expect(result.unrecorded == extra)
    #expect(!result.isComplete)
  }

  @Test func refusesAFileThatCannotBeExecuted() throws {
    let tree = try TemporaryTree()
    try tree.file("script", mode: 0o644, contents: "#!/bin/sh\n")
    let app = try #require(ExecutableLookupForTests.realPath(tree.root))
    let request = TraceRequest(
      executable: tree.path("script"), arguments: ["script"], environment: [], appDirectory: app,
      seconds: nil)
    #expect(throws: TraceError.cannotStart(command: "script", step: .exec, .permissionDenied)) {
      try PtraceWriteTracer().trace(request)
    }
  }
}

/// `realpath` for the tests' scratch directories.
enum ExecutableLookupForTests {
  static func realPath(_ path: String) -> [UInt8]? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return Array(String(cString: resolved).utf8)
  }
}
