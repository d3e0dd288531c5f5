import ChildProcessSupport
import Core
import Foundation
import TestSupport
import Testing

/// Runs the built `group-writable` executable end to end, as a user would.
@Suite struct CommandLineTests {
  struct Result {
    let status: Int32
    let output: Data
    let errors: String
    var text: String { String(decoding: output, as: UTF8.self) }
  }

  /// The executable next to the test bundle (`swift build --build-tests` builds both).
  static let executable = BuiltExecutable.named("group-writable")

  /// What the executable inherits: a fixed PATH, and the sanitizer runtime's and Swift
  /// backtracer's settings, so that a sanitized test run checks the executable the same way.
  static let inherited: [String: String] = {
    var variables = ["PATH": "/usr/bin:/bin"]
    for name in ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "SWIFT_BACKTRACE"] {
      variables[name] = ProcessInfo.processInfo.environment[name]
    }
    return variables
  }()

  /// Seconds a run of the executable may take (under a sanitizer too) before it is killed.
  static let timeLimit = 120.0

  /// Runs the executable (or `launching`, such as a shell that sets a umask and execs it) with `arguments`.
  func run(
    _ arguments: [String], environment: [String: String] = [:], launching: URL = Self.executable
  ) throws -> Result {
    let process = Process()
    process.executableURL = launching
    process.arguments = arguments
    process.environment = environment.merging(Self.inherited) { mine, _ in mine }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // A run that hangs fails its test instead of the whole test run: it is killed after `timeLimit` seconds.
    let pid = process.processIdentifier
    DispatchQueue.global().asyncAfter(deadline: .now() + Self.timeLimit) {
      if process.isRunning { kill(pid, SIGKILL) }
    }
    // Both pipes are drained at once: a child that fills one (a sanitizer's report on standard error) while
    // the test waits on the other would wait forever.
    let errorReader = PipeDrain(errors.fileHandleForReading)
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errorReader.data()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, output: outputData,
      errors: String(decoding: errorData, as: UTF8.self))
  }

  func app() throws -> TemporaryTree {
    let tree = try TemporaryTree()
    try tree.file("tmp/cache/a")
    try tree.file("log/x.log")
    try tree.file("src/main.swift")
    try tree.file("odd/new\nline")
    return tree
  }

  @Test func printsTheVersionFromBuildpackToml() throws {
    let result = try run(["--version"])
    #expect(result.status == 0)
    #expect(result.text == BuildpackInfo.version + "\n")
  }

  @Test func listsSelectedEntriesWithDirectoriesEndingInSlash() throws {
    let tree = try app()
    let result = try run(["list", "--app", tree.root, "-p", "/tmp/", "-p", "*.log"])
    #expect(result.status == 0)
    #expect(
      Set(result.text.split(separator: "\n")) == ["tmp/", "tmp/cache/", "tmp/cache/a", "log/x.log"])
  }

  @Test func listZeroPrintsRawNames() throws {
    let tree = try app()
    let raw = try run(["list", "-z", "--app", tree.root, "-p", "/odd/*"])
    #expect(raw.output == Data("odd/new\nline\0".utf8))
    let escaped = try run(["list", "--app", tree.root, "-p", "/odd/*"])
    #expect(escaped.text == "odd/new\\nline\n")
  }

  @Test func checkNamesTheDecidingPatternLikeGit() throws {
    let tree = try app()
    let result = try run([
      "check", "--app", tree.root, "-p", "/tmp/", "-p", "!/tmp/keep", "tmp/cache/a",
      "src/main.swift",
      "tmp/keep",
    ])
    #expect(result.status == 0)
    #expect(
      result.text == """
        --pattern:1:/tmp/\ttmp/cache/a
        ::\tsrc/main.swift
        --pattern:1:/tmp/\ttmp/keep

        """)
    let none = try run(["check", "--app", tree.root, "-p", "/nothing/", "src"])
    #expect(none.status == 1)
    #expect(none.text == "::\tsrc\n")
  }

  @Test func applyDryRunChangesNothingAndReportsJSON() throws {
    let tree = try app()
    let result = try run(["apply", "--dry-run", "--json", "--app", tree.root, "-p", "/tmp/"])
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: result.output) as? [String: Any]
    let counts = object?["counts"] as? [String: Int]
    #expect(counts?["directories-changed"] == 2)
    #expect(counts?["files-changed"] == 1)
    #expect(object?["dry-run"] as? Bool == true)
    #expect(object?["roots"] as? [String] == ["tmp/"])
    #expect(tree.mode("tmp") == 0o755)
  }

  @Test func applySharesTheWalkBetweenJobs() throws {
    let tree = try app()
    let result = try run(["apply", "--json", "--jobs", "3", "--app", tree.root, "-p", "/tmp/"])
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: result.output) as? [String: Any]
    #expect(object?["threads"] as? Int == 3)
    #expect((object?["counts"] as? [String: Int])?["files-changed"] == 1)
    #expect(tree.mode("tmp/cache/a") == 0o664)
  }

  @Test(arguments: ["0", "65", "1000000"])
  func applyRefusesJobsOutOfRange(jobs: String) throws {
    let result = try run(["apply", "--jobs", jobs, "--app", "/", "-p", "/tmp/"])
    #expect(result.status == 64)
    #expect(result.errors.hasPrefix("Error: --jobs must be from 1 to 64, not \(jobs).\n"))
  }

  @Test func applyChangesModes() throws {
    let tree = try app()
    let result = try run(["apply", "--app", tree.root, "-p", "/tmp/"])
    #expect(result.status == 0)
    #expect(result.text.hasPrefix("## Group-Writable Paths (v\(BuildpackInfo.version))\n"))
    #expect(tree.mode("tmp/cache/a") == 0o664)
    #expect(tree.mode("log/x.log") == 0o644)
  }

  @Test func usesTheAppsConfigurationWithoutPatterns() throws {
    let tree = try app()
    let configured = try run(
      ["list", "--app", tree.root], environment: ["BP_GROUP_WRITABLE_PATHS": "/log/"])
    #expect(configured.text == "log/\nlog/x.log\n")
    let unconfigured = try run(["list", "--app", tree.root])
    #expect(unconfigured.status == 1)
    #expect(unconfigured.errors.hasPrefix("! No patterns to use\n"))
  }

  @Test func holdsCommandLinePatternsToTheBuildsCap() throws {
    let tree = try app()
    try tree.file("many", contents: (0..<10_001).map { "p\($0)\n" }.joined())
    let result = try run(["list", "--app", tree.root, "--patterns-file", tree.path("many")])
    #expect(result.status == 1)
    #expect(result.output.isEmpty)
    #expect(result.errors.hasPrefix("! Too many patterns\n"))
    #expect(result.errors.contains("`--patterns-file` `\(tree.path("many"))` went over the limit."))
  }

  @Test func explainsAMissingAppDirectory() throws {
    let result = try run(["list", "--app", "/nonexistent/app", "-p", "x"])
    #expect(result.status == 1)
    #expect(
      result.errors == """
        ! Cannot open the app directory
        !
        ! Opening `/nonexistent/app` failed: ENOENT (No such file or directory).
        !
        ! How to fix it:
        ! - Check `--app`, or run the command from the app directory.

        """)
  }

  @Test func wrongUsageExitsWithUsageError() throws {
    let result = try run(["list", "--no-such-flag"])
    #expect(result.status == 64)
    #expect(result.errors.contains("Unknown option '--no-such-flag'"))
  }

  @Test func auditExitsNonZeroOnFindings() throws {
    let tree = try app()
    try tree.file("shared", mode: 0o666)
    let result = try run(["audit", "--json", "--app", tree.root])
    #expect(result.status == 1)
    let object = try JSONSerialization.jsonObject(with: result.output) as? [String: Any]
    #expect((object?["world-writable"] as? [String: Any])?["first"] as? [String] == ["shared"])
  }

  @Test func doctorChecksRootsFromAReport() throws {
    let tree = try app()
    try tree.file("report.toml", contents: "roots = [\"tmp/\", \"missing/\"]\n")
    let result = try run(["doctor", "--app", tree.root, "--report", tree.path("report.toml")])
    #expect(result.status == 0)
    #expect(result.text.contains("! Warning: `missing/` is missing\n"))
  }

  @Test func doctorWithoutAReportChecksTheConfiguredRoots() throws {
    let tree = try app()
    try tree.file(
      "project.toml", contents: "[utility.group-writable]\npaths = [\"/tmp/\", \"/log/\"]\n")
    let result = try run(["doctor", "--app", tree.root])
    #expect(result.status == 0)
    #expect(result.errors == "")
    #expect(
      result.text
        == "- Checking 2 writable paths from the app's configuration\n"
        + "  - `log/` is writable\n  - `tmp/` is writable\n")
  }

  @Test func doctorNamesThePresetOfEachRoot() throws {
    let tree = try app()
    try tree.file(
      "project.toml",
      contents: "[utility.group-writable]\npresets = [\"rails\"]\npaths = [\"/tmp/\"]\n")
    let result = try run(["doctor", "--app", tree.root])
    #expect(result.status == 0)
    #expect(
      result.text
        == "- Checking 2 writable paths from the app's configuration\n"
        + "  - rails: `log/` is writable\n  - `tmp/` is writable\n")
  }
}
