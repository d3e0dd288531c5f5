import Core
import FileSystem

/// CNB detect: passes when the app opted in, fails (100) with one sentence otherwise, and never writes anything.
public struct Detector {
  private let context: CNBContext
  private let app: any AppFileReading & AppEntryProbing
  private let output: (String) -> Void
  private let errorOutput: (String) -> Void

  /// A detector for the app `app` in `context`, printing to `output` and `errorOutput`.
  public init(
    context: CNBContext, app: any AppFileReading & AppEntryProbing,
    output: @escaping (String) -> Void,
    errorOutput: @escaping (String) -> Void
  ) {
    self.context = context
    self.app = app
    self.output = output
    self.errorOutput = errorOutput
  }

  /// Decides, prints, and returns the exit status.
  public func run() -> Int32 {
    if let error = context.environmentError {
      errorOutput(DiagnosticRenderer.render(error.diagnostic))
      return ExitStatus.failure
    }
    let decision: OptInDecision
    do {
      decision = try ConfigurationLoader(app: app).load(environment: context.environment)
    } catch {
      errorOutput(DiagnosticRenderer.render(error.diagnostic))
      return ExitStatus.failure
    }
    switch decision {
    case .optedIn(let configuration):
      for warning in configuration.warnings {
        errorOutput(DiagnosticRenderer.render(warning.diagnostic))
      }
      return ExitStatus.success
    case .notOptedIn(let reason):
      output(reason.sentence + "\n")
      return ExitStatus.detectFailed
    }
  }
}
