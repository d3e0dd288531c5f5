import Core
import Foundation
import TestSupport
import Testing

/// `group-writable trace`, run as a user runs it: the executable tracing a shell in a scratch app.
extension CommandLineTests {
  /// The JSON report of a trace run.
  static func document(_ result: Result) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: result.output) as? [String: Any])
  }

  @Test func traceSuggestsTheDirectoryAPidFileIsMadeIn() throws {
    let tree = try app()
    let result = try run([
      "trace", "--json", "--app", tree.root, "--", "sh", "-c",
      "cd '\(tree.root)' && mkdir -p tmp/pids && echo 1 > tmp/pids/a.pid && echo x >> log/x.log",
    ])
    #expect(result.status == ExitStatus.success, "\(result.errors)")
    let document = try Self.document(result)
    let suggestion = document["suggestion"] as? [String: Any]
    #expect(suggestion?["paths"] as? [String] == ["/log/x.log", "/tmp/"])
    #expect(suggestion?["create"] as? [String] == [])
    #expect(document["denied"] as? Int == 0)
    #expect(document["exitStatus"] as? Int == 0)
    #expect(document["stop"] as? String == "finished")
    let writes = (document["writes"] as? [[String: Any]] ?? []).map {
      "\($0["action"] ?? "") \($0["path"] ?? "") \($0["error"] as? String ?? "-")"
    }
    // `mkdir -p` tries `tmp` first, which is there.
    #expect(
      writes == [
        "makeDirectory tmp EEXIST", "makeDirectory tmp/pids -", "create tmp/pids/a.pid -",
        "writeInPlace log/x.log -",
      ])
  }

  @Test(arguments: [
    ("/tmp/", ExitStatus.success, [String]()), ("/log/", ExitStatus.writesDenied, ["tmp/pids"]),
  ])
  func traceConfigListsTheWritesAConfigurationWouldDeny(
    pattern: String, status: Int32, denied: [String]
  ) throws {
    let tree = try app()
    let result = try run([
      "trace", "--config", "-p", pattern, "--json", "--app", tree.root, "--", "mkdir",
      "\(tree.root)/tmp/pids",
    ])
    #expect(result.status == status, "\(result.errors)")
    let after = try Self.document(result)["deniedAfterBuild"] as? [[String: Any]]
    #expect(after?.compactMap { $0["path"] as? String } == denied)
  }

  @Test func traceWritesItsReportToTheOutputFileAndLeavesStandardErrorToTheCommand() throws {
    let tree = try app()
    let report = tree.path("report.txt")
    let result = try run([
      "trace", "--output", report, "--app", tree.root, "--", "sh", "-c",
      "echo from-the-command >&2",
    ])
    #expect(result.status == ExitStatus.success)
    #expect(result.errors == "from-the-command\n")
    let text = try String(contentsOfFile: report, encoding: .utf8)
    #expect(
      text.hasPrefix(
        "## \(BuildpackInfo.name) (v\(BuildpackInfo.version))\n\n- Traced `sh -c echo from-the-command >&2` for "
      ))
    #expect(text.hasSuffix("(1 process): it exited with status 0\n- No writes in `\(tree.root)`\n"))
  }

  @Test func aReportThatCannotBeSavedIsAnError() throws {
    let tree = try app()
    let result = try run([
      "trace", "--output", "/nonexistent/report.json", "--app", tree.root, "--", "true",
    ])
    #expect(result.status == ExitStatus.failure)
    #expect(result.errors.hasPrefix("! Cannot write the trace report\n"))
  }

  @Test func traceEndsTheProcessesWhenInterrupted() throws {
    let tree = try app()
    let process = Process()
    process.executableURL = Self.executable
    process.arguments = ["trace", "--json", "--app", tree.root, "--", "sleep", "60"]
    process.environment = Self.inherited
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    let started = Date()
    try process.run()
    Thread.sleep(forTimeInterval: 0.5)
    process.interrupt()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(Date().timeIntervalSince(started) < 10)
    #expect(process.terminationStatus == ExitStatus.success)
    let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(document["stop"] as? String == "interrupted")
    #expect(document["signal"] as? Int == Int(SIGTERM))
  }

  @Test func aCommandThatKillsTheTracerTakesItsProcessesWithIt() throws {
    let tree = try app()
    let started = Date()
    // The shell's parent is the tracer: killing it must not leave the shell or `sleep` stopped or running
    // (`PTRACE_O_EXITKILL`), or this run would wait for them, holding standard output open.
    let result = try run(["trace", "--app", tree.root, "--", "sh", "-c", "kill -9 $PPID; sleep 60"])
    #expect(result.status == SIGKILL)
    #expect(Date().timeIntervalSince(started) < 30)
  }

  @Test func traceNamesACommandItCannotFindAndNeedsOne() throws {
    let missing = try run(["trace", "--", "/nonexistent/command"])
    #expect(missing.status == ExitStatus.failure)
    #expect(missing.errors.hasPrefix("! Cannot find `/nonexistent/command`\n"))
    let none = try run(["trace"])
    #expect(none.status == ExitStatus.usage)
  }
}
