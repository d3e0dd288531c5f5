import ArgumentParser
import Buildpack
import Core
import FileSystem
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `group-writable doctor`: the launch-time self-check, on demand.
struct DoctorCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract: "Check, as the current user, that every writable path can be written, and say why not.",
    discussion: """
      The writable paths come from `--report`, else from the launch layer's `report.toml` \
      (`$CNB_LAYERS_DIR/group-writable/report.toml` or \
      `/layers/utility_group-writable/group-writable/report.toml`), else from the app's \
      configuration. Always exits 0: it only reports.
      """)

  @Option(name: .long, help: "The app directory.")
  var app: String = "."

  @Option(name: .long, help: "A `report.toml` written by the build.")
  var report: String?

  /// Where a built image keeps the report.
  static let imageReportPath = "/layers/utility_group-writable/group-writable/report.toml"

  func run() throws {
    try CommandRunner.run { () throws(CommandFailure) -> Int32 in
      let directory = try CommandRunner.openApp(app)
      defer { directory.descriptor.close() }
      let (roots, origin) = try writableRoots(directory)
      StandardOutput.write("- Checking \(roots.count) writable paths from \(origin)\n")
      let appPath = URL(fileURLWithPath: app).standardizedFileURL.path
      let problems = WritableRootChecker(app: directory.descriptor).problems(
        in: roots, limit: roots.count)
      let failing = Set(problems.map(\.root))
      for root in roots where !failing.contains(root) {
        StandardOutput.write("  - \(DiagnosticText.code(root)) is writable\n")
      }
      for problem in problems {
        StandardOutput.write("\n" + DiagnosticRenderer.render(problem.diagnostic(appPath: appPath)))
      }
      return 0
    }
  }

  private func writableRoots(_ directory: AppDirectory) throws(CommandFailure) -> ([String], String) {
    var candidates: [String] = []
    if let report { candidates.append(report) }
    if let layers = CommandRunner.environment["CNB_LAYERS_DIR"] {
      candidates.append("\(layers)/\(LayerFiles.layerName)/report.toml")
    }
    candidates.append(Self.imageReportPath)
    for path in candidates {
      if let text = ReportFile.text(atPath: path), let roots = ReportFile.roots(fromTOML: text) {
        return (roots, DiagnosticText.code(path))
      }
      if path == report {
        throw CommandFailure(CommandDiagnostics.cannotReadReport(path: path))
      }
    }
    let selection = try ResolvedSelection.fromConfiguration(
      app: directory, environment: CommandRunner.environment)
    let request = SelectionRequest(
      patterns: selection.patterns, create: selection.create, wholeApp: selection.wholeApp,
      mode: .list)
    do throws(SelectionError) {
      let result = try SelectionRunner(request: request, app: directory).run()
      return (result.roots.paths, "the app's configuration")
    } catch {
      throw CommandFailure(error.diagnostic)
    }
  }
}
