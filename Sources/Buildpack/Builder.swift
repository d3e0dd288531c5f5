#if canImport(Glibc)
import Glibc
#endif
import Core
import FileSystem

/// CNB build: selects paths, grants the group access, and records what it did in the launch layer.
public struct Builder {
  private let context: CNBContext
  private let app: AppDirectory
  private let log: BuildLog
  private let errorOutput: (String) -> Void
  private let runtimeCheckExecutable: String
  private let threads: Int

  /// A builder for the open app directory `app` in `context`; `runtimeCheckExecutable` is copied into the
  /// layer's `exec.d` (this very binary by default), and the walk uses up to `threads` threads.
  public init(
    context: CNBContext, app: AppDirectory, log: BuildLog, errorOutput: @escaping (String) -> Void,
    runtimeCheckExecutable: String = "/proc/self/exe", threads: Int = SelectionRequest.defaultThreads()
  ) {
    self.context = context
    self.app = app
    self.log = log
    self.errorOutput = errorOutput
    self.runtimeCheckExecutable = runtimeCheckExecutable
    self.threads = threads
  }

  /// Runs the build and returns the exit code.
  public func run() -> Int32 {
    let started = MonotonicClock.now()
    log.header(BuildpackInfo.name, version: BuildpackInfo.version)
    guard let layersDirectory = context.layersDirectory else {
      return fail(BuildpackDiagnostics.missingLayersDirectory)
    }
    let configuration: Configuration
    do {
      switch try ConfigurationLoader(reader: app).load(environment: context.environment) {
      case .optedIn(let loaded):
        configuration = loaded
      case .notOptedIn(let reason), .disabled(let reason):
        log.section("Nothing to do: \(reason)")
        log.done(seconds: MonotonicClock.now() - started)
        return ExitCode.success
      }
    } catch {
      return fail(error.diagnostic)
    }
    let previous = LayerFiles.previousRoots(layersDirectory: layersDirectory)
    log.section("Configuration")
    for source in configuration.sources { log.item(source.logText) }
    let printer = SelectionLogPrinter(log: log)
    let request = SelectionRequest(
      patterns: configuration.patterns, create: configuration.create,
      wholeApp: configuration.wholeApp,
      rule: PermissionRule(setsGroupIDOnDirectories: configuration.setgid), mode: .apply(dryRun: false),
      threads: threads)
    var events = SelectionEvents(progress: printer.printProgress)
    if configuration.debug {
      events.changed = { path, _, old, new, reason in
        printer.printChange(path: path, from: old, to: new, reason: reason)
      }
    }
    log.section("Walking the app directory")
    let report: SelectionReport
    do {
      report = try SelectionRunner(request: request, app: app).run(events: events)
    } catch {
      return fail(error.diagnostic)
    }
    for created in report.created { log.item("Created `\(created)/`") }
    printer.printPatterns(report)
    let groupID = getgid()
    printer.printChanges(report, groupID: groupID, dryRun: false)
    if let failure = report.failureDiagnostic {
      return fail(failure)
    }
    printer.printRoots(report)
    if let previous {
      printer.printDifference(
        RootsDifference(
          previous: previous.roots, current: Array(report.roots.paths.prefix(LayerFiles.rootLimit)),
          isPartial: previous.capped || report.roots.total > LayerFiles.rootLimit))
    }
    var warnings = configuration.warnings.map(\.diagnostic) + report.warningDiagnostics
    if Self.auditEnabled(context.environment) {
      let audit = Auditor(app: app).run()
      log.section("Audit: inspected \(BuildLog.plural(audit.inspected, "entry", "entries"))")
      if !audit.hasFindings { log.item("No setuid/setgid executables, world-writable or foreign-owned entries") }
      warnings += audit.diagnostics
    }
    do {
      try LayerFiles.write(
        report: report, version: BuildpackInfo.version, groupID: groupID,
        sources: configuration.sources.map(\.logText), warnings: warnings,
        layersDirectory: layersDirectory)
    } catch {
      return fail(error.diagnostic)
    }
    do {
      try LayerFiles.installRuntimeCheck(
        layersDirectory: layersDirectory, executable: runtimeCheckExecutable)
    } catch {
      return fail(error.diagnostic)
    }
    for warning in warnings { log.diagnostic(warning) }
    log.done(seconds: MonotonicClock.now() - started)
    return ExitCode.success
  }

  /// Whether the audit runs: on unless `BP_GROUP_WRITABLE_AUDIT` says off.
  static func auditEnabled(_ environment: [String: String]) -> Bool {
    !EnvironmentSettings.turnsOff(environment["BP_GROUP_WRITABLE_AUDIT"])
  }

  private func fail(_ diagnostic: Diagnostic) -> Int32 {
    errorOutput("\n" + DiagnosticRenderer.render(diagnostic))
    return ExitCode.failure
  }
}
