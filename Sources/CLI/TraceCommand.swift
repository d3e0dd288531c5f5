import ArgumentParser
import Core
import FileSystem
import Tracer

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `group-writable trace -- COMMAND`: runs a command, records what it writes in the app directory, and suggests
/// the patterns that let every write succeed after a build.
struct TraceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trace",
    abstract:
      "Run a command and suggest the patterns that cover what it writes in the app directory.",
    discussion: """
      Runs COMMAND (and every process it starts) under `ptrace`, stopping only on the system calls that write \
      to the file system (a seccomp filter lets every other call run at full speed). Prints each write inside \
      the app directory, grouped by directory, with what was denied (`EACCES`, `EPERM`, `EROFS`), then the \
      smallest pattern list that covers every write, ready for `project.toml`. Changes nothing itself.

      The report goes to standard error (or `--output FILE`), so the command's own output is left alone. \
      `--seconds N` or Ctrl-C ends the traced processes (`SIGTERM`, then `SIGKILL` 5 seconds later). A process \
      that would leave the trace (a child made with `CLONE_UNTRACED`, a stop signal that could reach `trace`, a \
      32-bit or x32 system call) ends it at once: every traced process is killed and the trace is incomplete. \
      Exits 0 when nothing was denied (with `--config`: nothing would be after a build), 2 when a write was \
      (or would be), 1 when the command could not be traced or the trace is incomplete.
      """)

  @OptionGroup var options: PatternOptions

  @Flag(
    help:
      "Compare with the app's configuration (or -p/--patterns-file): list the writes a build would not allow."
  )
  var config = false

  @Flag(help: "Print the report as JSON.")
  var json = false

  @Option(help: "End the traced processes after this many seconds.")
  var seconds: Double?

  @Option(
    help: "Write the report to this file instead of standard error (standard output for --json).")
  var output: String?

  @Argument(parsing: .captureForPassthrough, help: "The command to run, after `--`.")
  var command: [String] = []

  func validate() throws {
    if let seconds, !(seconds > 0 && seconds <= TraceCommand.longestTrace) {
      throw ValidationError(
        "--seconds must be more than 0 and at most \(Int(TraceCommand.longestTrace)).")
    }
    if arguments.isEmpty { throw ValidationError("Give the command to trace after `--`.") }
  }

  /// The longest `--seconds` (a day).
  static let longestTrace = 86_400.0

  /// The command without a leading `--`.
  var arguments: [String] { command.first == "--" ? Array(command.dropFirst()) : command }

  func run() throws {
    try CommandRunner.run { () throws(CommandFailure) -> Int32 in
      // Refused before anything is looked at where the tracer cannot run.
      do throws(TraceError) {
        try PtraceWriteTracer.checkArchitecture()
      } catch {
        throw CommandFailure(error.diagnostic)
      }
      let app = try CommandRunner.openApp(options.app)
      defer { app.descriptor.close() }
      let environment = CommandRunner.environment
      let configuration =
        config ? try options.configuration(app: app, environment: environment) : nil
      let request = try TraceCommand.request(
        arguments, app: options.app, seconds: seconds, environment: environment)
      let result: TraceResult
      do throws(TraceError) {
        result = try PtraceWriteTracer().trace(request)
      } catch {
        throw CommandFailure(error.diagnostic)
      }
      let report = TraceReport(
        command: arguments, appDirectory: String(decoding: request.appDirectory, as: UTF8.self),
        result: result, records: DatabaseMarker(app: app).marked(result.records),
        configuration: configuration,
        detections: config ? FrameworkDetection.detect(in: app) : [])
      try write(json ? report.json : report.text)
      return report.exitStatus
    }
  }

  /// Prints or saves the report; a report that cannot be saved is an error (it would be lost).
  private func write(_ text: String) throws(CommandFailure) {
    if let output {
      guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else {
        throw CommandFailure(.cannotWriteOutput(path: output))
      }
    } else if json {
      StandardOutput.write(text)
    } else {
      StandardOutput.writeError(text)
    }
  }

  /// The request for `arguments`: the executable found in `PATH`, the whole environment, the app's real path.
  static func request(
    _ arguments: [String], app: String, seconds: Double?, environment: [String: String]
  ) throws(CommandFailure) -> TraceRequest {
    guard let name = arguments.first,
      let executable = ExecutableLookup.find(name, path: environment["PATH"])
    else {
      throw CommandFailure(TraceError.commandNotFound(arguments.first ?? "").diagnostic)
    }
    guard let real = ExecutableLookup.realPath(app) else {
      throw CommandFailure(.cannotOpenApp(path: app, .noSuchFileOrDirectory))
    }
    return TraceRequest(
      executable: executable, arguments: arguments,
      environment: environment.map { "\($0.key)=\($0.value)" }.sorted(), appDirectory: real,
      seconds: seconds)
  }
}
