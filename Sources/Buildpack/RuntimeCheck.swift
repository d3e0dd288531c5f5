import Core
import FileSystem

/// The launch-time self-check (`exec.d`): warns, never fails, when a writable root is not writable.
///
/// The launcher runs it as the run user before the app starts. It writes nothing to fd 3 (no environment), nothing
/// to standard output, and exits 0 whatever it finds.
public struct RuntimeCheck {
  /// The name the binary has in the layer's `exec.d` directory.
  public static let executableName = "group-writable-check"
  /// The variable that turns the check off (`false`).
  public static let optOutVariable = EnvironmentVariable.launchCheck.name

  private let environment: [String: String]
  private let reportPath: String
  private let appPath: String
  private let errorOutput: (String) -> Void

  /// A check reading roots from `reportPath`, for the app at `appPath` (the launcher's working directory).
  public init(
    environment: [String: String], reportPath: String, appPath: String = ".",
    errorOutput: @escaping (String) -> Void
  ) {
    self.environment = environment
    self.reportPath = reportPath
    self.appPath = appPath
    self.errorOutput = errorOutput
  }

  /// The report next to the executable the launcher ran: `<layer>/exec.d/NAME` reads `<layer>/report.toml`.
  public static func defaultReportPath(executable: String) -> String {
    var parts = executable.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.count >= 3 else { return "../report.toml" }
    parts.removeLast(2)
    return (parts + ["report.toml"]).joined(separator: "/")
  }

  /// Checks every root and prints one warning per failing root; always returns 0.
  public func run() -> Int32 {
    if EnvironmentSettings.turnsOff(environment[Self.optOutVariable]) {
      return ExitStatus.success
    }
    guard let report = try? ReportReader.read(path: reportPath),
      let app = try? AppDirectory.open(appPath)
    else { return ExitStatus.success }
    defer { app.descriptor.close() }
    let absolute = ReportReader.absolutePath(appPath, workingDirectory: environment["PWD"])
    for check in WritableRootChecker(app: app).problems(in: report.roots.paths) {
      errorOutput(DiagnosticRenderer.render(check.diagnostic(appPath: absolute)))
    }
    return ExitStatus.success
  }
}
