import Core
import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

/// The steps a build takes around `ApplySelection`, shared by `build` and `apply` so the two cannot drift: the
/// header, the configuration, the walk, the report's version and group, its warnings, the printed run, the failure
/// and `Done`, timed by one clock from the header on.
public struct BuildSteps {
  /// What the walk made: the report (with its version and group), every warning, and the failure, if any.
  public struct Outcome {
    /// The finished report.
    public var report: Report
    /// The run's warnings and `extraWarnings`, in the order they were printed.
    public var warnings: [Diagnostic]
    /// Why the run failed (a part it could not read or change), nil when it did not.
    public var failure: Diagnostic?

    /// The report with its warnings, as `report.toml` and `--json` keep it.
    public var keptReport: Report { report.keeping(warnings) }
  }

  private let log: BuildLog
  private let printer: ReportPrinter
  private let clock: any Clock
  private let prints: Bool
  private let started: Double

  /// Prints the header and starts the clock; with `prints` false (JSON output) the walk's steps print nothing.
  public init(log: BuildLog, clock: any Clock = MonotonicClock(), prints: Bool = true) {
    self.log = log
    self.printer = ReportPrinter(log: log)
    self.clock = clock
    self.prints = prints
    self.started = clock.now()
    log.header(BuildpackInfo.name, version: BuildpackInfo.version)
  }

  /// Prints the configuration, walks `tree` with it and prints the run, its warnings and `extraWarnings`.
  public func walk(
    _ configuration: Configuration, mode: ApplyMode, threads: Int, tree: any AppTree,
    changer: any PermissionChanging, cnbGroupID: String?, previous: LayerMetadata? = nil,
    extraWarnings: [Diagnostic] = []
  ) throws(ApplyError) -> Outcome {
    printer.printConfiguration(configuration.sources.map(\.logText))
    log.section("Walking the app directory")
    var report = try ApplySelection(
      configuration: configuration, mode: mode, threads: threads,
      effects: ApplyEffects(
        tree: tree, changer: changer, clock: clock,
        output: prints ? LogOutput(printer: printer, debug: configuration.debug) : nil)
    ).run()
    report.version = BuildpackInfo.version
    report.groupID = report.owningGroup(cnbGroupID: cnbGroupID, identity: ProcessIdentity.current())
    let buildUser = Int(geteuid())
    let warnings =
      report.allWarnings(configuration: configuration.warnings, buildUser: buildUser)
      + extraWarnings
    if prints {
      printer.printRun(report, difference: previous.map { Self.difference(from: $0, to: report) })
      for warning in warnings { log.diagnostic(warning) }
    }
    return Outcome(
      report: report, warnings: warnings, failure: report.failureDiagnostic(buildUser: buildUser))
  }

  /// `- Done`, with the time since the header.
  public func done() {
    log.done(seconds: clock.now() - started)
  }

  /// The roots that changed since the previous build's `metadata`.
  private static func difference(from metadata: LayerMetadata, to report: Report) -> RootsDifference
  {
    let current = LayerMetadata(report)
    return RootsDifference(
      previous: metadata.roots, current: current.roots,
      isPartial: metadata.isCapped || current.isCapped)
  }
}
