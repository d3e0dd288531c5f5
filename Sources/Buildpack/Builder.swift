#if canImport(Glibc)
import Glibc
#endif
import Core
import FileSystem

/// CNB build: runs the apply pipeline on the app directory, prints it, and writes the launch layer.
public struct Builder {
  private let context: CNBContext
  private let app: AppDirectory
  private let log: BuildLog
  private let errorOutput: (String) -> Void
  private let executable: String
  private let threads: Int
  private let clock: any Clock

  /// A builder for the open app directory `app` in `context`; `executable` is copied into the layer's `exec.d`
  /// (this very binary by default), and the walk uses up to `threads` threads.
  public init(
    context: CNBContext, app: AppDirectory, log: BuildLog, errorOutput: @escaping (String) -> Void,
    executable: String = "/proc/self/exe", threads: Int = ThreadCount.default(),
    clock: any Clock = MonotonicClock()
  ) {
    self.context = context
    self.app = app
    self.log = log
    self.errorOutput = errorOutput
    self.executable = executable
    self.threads = threads
    self.clock = clock
  }

  /// Runs the build and returns the exit status.
  public func run() -> Int32 {
    let started = clock.now()
    log.header(BuildpackInfo.name, version: BuildpackInfo.version)
    guard let layersPath = context.layersDirectory else {
      return fail(BuildError.missingLayersDirectory.diagnostic)
    }
    let configuration: Configuration
    if let error = context.environmentError { return fail(error.diagnostic) }
    do {
      switch try ConfigurationLoader(app: app).load(environment: context.environment) {
      case .optedIn(let loaded):
        configuration = loaded
      case .notOptedIn(let reason):
        log.section("Nothing to do: \(reason.sentence)")
        log.done(seconds: clock.now() - started)
        return ExitStatus.success
      }
    } catch {
      return fail(error.diagnostic)
    }
    let writer = LayerWriter(layersPath: layersPath)
    // Read before the walk changes anything and before its threads start (it parses TOML in a forked child).
    let previous = writer.previousMetadata()
    let printer = ReportPrinter(log: log)
    printer.printConfiguration(configuration.sources.map(\.logText))
    log.section("Walking the app directory")
    var report: Report
    do {
      report = try ApplySelection(
        configuration: configuration, mode: .apply, threads: threads,
        effects: ApplyEffects(
          tree: app, changer: SystemPermissionChanger(), clock: clock,
          output: LogOutput(printer: printer, debug: configuration.debug))
      ).run()
    } catch {
      return fail(error.diagnostic)
    }
    report.version = BuildpackInfo.version
    report.groupID = report.owningGroup(
      cnbGroupID: context.environment["CNB_GROUP_ID"], identity: ProcessIdentity.current())
    var difference: RootsDifference?
    var previousWarnings: [Diagnostic] = []
    switch previous {
    case .success(let metadata):
      let current = LayerMetadata(report)
      difference = RootsDifference(
        previous: metadata.roots, current: current.roots, isPartial: metadata.isCapped || current.isCapped)
    case .failure(let warning): previousWarnings.append(warning.diagnostic)
    case nil: break
    }
    let buildUser = Int(geteuid())
    let warnings =
      report.allWarnings(configuration: configuration.warnings, buildUser: buildUser) + previousWarnings
    printer.printRun(report, difference: difference)
    for warning in warnings { log.diagnostic(warning) }
    if let failure = report.failureDiagnostic(buildUser: buildUser) {
      return fail(failure)
    }
    do {
      try writer.write(report.keeping(warnings), executable: executable)
    } catch {
      return fail(BuildError.cannotWriteLayer(error).diagnostic)
    }
    log.done(seconds: clock.now() - started)
    return ExitStatus.success
  }

  private func fail(_ diagnostic: Diagnostic) -> Int32 {
    errorOutput("\n" + DiagnosticRenderer.render(diagnostic))
    return ExitStatus.failure
  }
}
