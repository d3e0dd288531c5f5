import ArgumentParser
import Buildpack
import Core
import FileSystem
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#endif

/// `group-writable apply`: what a build does, without layers.
struct ApplyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "apply",
    abstract: "Give the group write access to the selected paths (as a build does, without layers).")

  @OptionGroup var options: PatternOptions

  @Flag(help: "Change nothing; report what would change.")
  var dryRun = false

  @Flag(help: "Print a JSON summary instead of the build-style log.")
  var json = false

  @Option(
    help: ArgumentHelp(
      "Threads that change selected directories (default: the CPUs available, at most 4).",
      discussion: "DEBUG's listing of every change always runs on one thread, in walk order.",
      valueName: "n"))
  var jobs: Int?

  /// More threads than this only hold descriptors and buffers.
  static let maximumJobs = 64

  func validate() throws {
    if let jobs, !(1...Self.maximumJobs).contains(jobs) {
      throw ValidationError("--jobs must be from 1 to \(Self.maximumJobs), not \(jobs).")
    }
  }

  func run() throws {
    try CommandRunner.run { () throws(CommandFailure) -> Int32 in
      let app = try CommandRunner.openApp(options.app)
      let selection = try ResolvedSelection.resolve(
        options, app: app, environment: CommandRunner.environment)
      let log = BuildLog(write: json ? { _ in } : StandardOutput.writeLine)
      let printer = SelectionLogPrinter(log: log)
      log.header(BuildpackInfo.name, version: BuildpackInfo.version)
      log.section("Configuration")
      for source in selection.sources { log.item(source) }
      let request = SelectionRequest(
        patterns: selection.patterns, create: selection.create, wholeApp: selection.wholeApp,
        rule: PermissionRule(setsGroupIDOnDirectories: selection.setgid),
        mode: .apply(dryRun: dryRun), threads: jobs ?? SelectionRequest.defaultThreads())
      let debug = CommandRunner.environment["BP_LOG_LEVEL"]?.uppercased() == "DEBUG"
      var events = SelectionEvents(progress: json ? nil : printer.printProgress)
      if debug && !json {
        events.changed = { path, _, old, new, reason in
          printer.printChange(path: path, from: old, to: new, reason: reason)
        }
      }
      if !json { log.section("Walking the app directory") }
      let report: SelectionReport
      do throws(SelectionError) {
        report = try SelectionRunner(request: request, app: app).run(events: events)
      } catch {
        throw CommandFailure(error.diagnostic)
      }
      let warnings = selection.warnings + report.warningDiagnostics
      if json {
        StandardOutput.write(
          ReportJSON.text(ReportJSON(report, warnings: warnings, dryRun: dryRun)) + "\n")
      } else {
        printer.printPatterns(report)
        printer.printChanges(report, groupID: getgid(), dryRun: dryRun)
        printer.printRoots(report)
        for warning in warnings { log.diagnostic(warning) }
      }
      if let failure = report.failureDiagnostic {
        throw CommandFailure(failure)
      }
      if !json { log.done(seconds: report.summary.elapsedSeconds) }
      return 0
    }
  }
}
