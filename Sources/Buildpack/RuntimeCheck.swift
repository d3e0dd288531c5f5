import Core
import FileSystem

/// The launch-time program (`exec.d`): puts back what a fresh mount hides (`StartupRepair`), then warns when a
/// writable root is not writable.
///
/// The launcher runs it as the run user before the app starts. It writes nothing to fd 3 (no environment), nothing
/// to standard output, and exits 0 whatever it finds, except when a link the image holds leads into a place
/// another user controls: then it prints why and exits 1, and the launcher does not start the app. Below
/// `minimumOpenFiles` open files it does nothing but say so. `BPL_GROUP_WRITABLE_CHECK=false` turns the warnings
/// off; the repair still runs (the app needs it).
public struct RuntimeCheck {
  /// The name the binary has in the layer's `exec.d` directory.
  public static let executableName = "group-writable-check"
  /// The variable that turns the check off (`false`).
  public static let optOutVariable = EnvironmentVariable.launchCheck.name

  private let environment: [String: String]
  private let reportPath: String
  private let appPath: String
  private let errorOutput: (String) -> Void
  private let openFileLimit: Int?

  /// The fewest open files the check runs with: the standard streams, the report, the app directory, and the
  /// two directories a step holds open (four while it follows an `ephemeral` link), with room to spare.
  public static let minimumOpenFiles = 16

  /// A check reading roots from `reportPath`, for the app at `appPath` (the launcher's working directory).
  public init(
    environment: [String: String], reportPath: String, appPath: String = ".",
    openFileLimit: Int? = ResourceLimits.openFileLimit(), errorOutput: @escaping (String) -> Void
  ) {
    self.environment = environment
    self.reportPath = reportPath
    self.appPath = appPath
    self.openFileLimit = openFileLimit
    self.errorOutput = errorOutput
  }

  /// The report next to the executable the launcher ran: `<layer>/exec.d/NAME` reads `<layer>/report.toml`.
  public static func defaultReportPath(executable: String) -> String {
    var parts = executable.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.count >= 3 else { return "../report.toml" }
    parts.removeLast(2)
    return (parts + ["report.toml"]).joined(separator: "/")
  }

  /// Repairs, checks every root and prints one warning per problem; always returns 0.
  public func run() -> Int32 {
    if let limit = openFileLimit, limit < Self.minimumOpenFiles {
      errorOutput(DiagnosticRenderer.render(Self.tooFewOpenFiles(limit: limit)))
      return ExitStatus.success
    }
    guard let report = try? ReportReader.read(path: reportPath),
      let app = try? AppDirectory.open(appPath)
    else { return ExitStatus.success }
    defer { app.descriptor.close() }
    let problems = StartupRepair(app: app).run(report)
    let stops = problems.filter(\.stopsTheStart)
    if !stops.isEmpty {
      errorOutput(DiagnosticRenderer.render(stops.map(\.diagnostic)))
      return ExitStatus.failure
    }
    if EnvironmentSettings.turnsOff(environment[Self.optOutVariable]) {
      return ExitStatus.success
    }
    let absolute = ReportReader.absolutePath(appPath, workingDirectory: environment["PWD"])
    var diagnostics = problems.map(\.diagnostic)
    diagnostics += WritableRootChecker(app: app).problems(in: report.roots.paths).map {
      $0.diagnostic(
        appPath: absolute, preset: PresetRoots.preset(of: $0.root, in: report.rootPresets))
    }
    if !diagnostics.isEmpty { errorOutput(DiagnosticRenderer.render(diagnostics)) }
    return ExitStatus.success
  }

  /// The warning for an open-file limit below `minimumOpenFiles`.
  static func tooFewOpenFiles(limit: Int) -> Diagnostic {
    Diagnostic(
      severity: .warning, title: "The start-up check did not run: the open-file limit is \(limit)",
      detail: [
        "It needs at least \(minimumOpenFiles) open files to make again what a fresh mount hides (the `create` "
          + "directories, the `ephemeral` directories' writable places) and to check the writable roots. The app "
          + "starts without them, and without the check that no other user controls the writable places."
      ],
      suggestions: [
        "Raise the container's open-file limit (`ulimit -n`; `docker run --ulimit nofile=1024`, or the runtime's "
          + "default)."
      ])
  }
}
