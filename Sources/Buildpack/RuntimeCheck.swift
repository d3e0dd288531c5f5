import Core
import FileSystem
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The launch-time self-check (`exec.d`): warns, never fails, when a writable root is not writable.
///
/// The launcher runs it as the run user before the app starts. It writes nothing to fd 3 (no environment) and
/// exits 0 whatever it finds.
public struct RuntimeCheck {
  /// The name the binary has in the layer's `exec.d` directory.
  public static let executableName = "group-writable-check"
  /// The variable that turns the check off (`false`).
  public static let optOutVariable = "BPL_GROUP_WRITABLE_CHECK"

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

  /// The report next to the running executable: `<layer>/exec.d/NAME` reads `<layer>/report.toml`.
  public static func defaultReportPath(executable: String) -> String {
    let resolved = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? executable
    let execD = URL(fileURLWithPath: resolved).deletingLastPathComponent()
    return execD.deletingLastPathComponent().appendingPathComponent("report.toml").path
  }

  /// Checks every root and prints one warning per failing root; always returns 0.
  public func run() -> Int32 {
    if EnvironmentSettings.turnsOff(environment[Self.optOutVariable]) {
      return ExitCode.success
    }
    guard let text = ReportFile.text(atPath: reportPath), let roots = ReportFile.roots(fromTOML: text)
    else { return ExitCode.success }
    guard let app = try? AppDirectory.open(appPath) else { return ExitCode.success }
    defer { app.descriptor.close() }
    let absolute = URL(
      fileURLWithPath: appPath,
      relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ).standardizedFileURL.path
    for check in WritableRootChecker(app: app.descriptor).problems(in: roots) {
      errorOutput(DiagnosticRenderer.render(check.diagnostic(appPath: absolute)))
    }
    return ExitCode.success
  }
}
