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
    let steps = BuildSteps(log: log, clock: clock)
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
        steps.done()
        return ExitStatus.success
      }
    } catch {
      return fail(error.diagnostic)
    }
    let writer = LayerWriter(layersPath: layersPath)
    // Read before the walk changes anything and before its threads start (it parses TOML in a forked child).
    var previous: LayerMetadata?
    var previousWarnings: [Diagnostic] = []
    switch writer.previousMetadata() {
    case .success(let metadata): previous = metadata
    case .failure(let warning): previousWarnings.append(warning.diagnostic)
    case nil: break
    }
    let outcome: BuildSteps.Outcome
    do {
      outcome = try steps.walk(
        configuration, mode: .apply, threads: threads, tree: app,
        changer: SystemPermissionChanger(),
        cnbGroupID: context.environment["CNB_GROUP_ID"], previous: previous,
        extraWarnings: previousWarnings)
    } catch {
      return fail(error.diagnostic)
    }
    if let failure = outcome.failure { return fail(failure) }
    do {
      try writer.write(outcome.keptReport, executable: executable)
    } catch {
      return fail(BuildError.cannotWriteLayer(error).diagnostic)
    }
    steps.done()
    return ExitStatus.success
  }

  private func fail(_ diagnostic: Diagnostic) -> Int32 {
    errorOutput("\n" + DiagnosticRenderer.render(diagnostic))
    return ExitStatus.failure
  }
}
