import ArgumentParser
import Buildpack
import Core
import FileSystem

/// `group-writable doctor`: the launch-time self-check, on demand.
struct DoctorCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract:
      "Check, as the current user, that every writable path can be written, and say why not.",
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
      let (roots, presets, origin) = try writableRoots(directory)
      StandardOutput.write(
        "- Checking \(CountText.of(roots.count, "writable path")) from \(origin)\n")
      let appPath = ReportReader.absolutePath(app, workingDirectory: nil)
      let problems = WritableRootChecker(app: directory).problems(in: roots, limit: roots.count)
      let failing = Set(problems.map(\.root))
      for root in roots where !failing.contains(root) {
        let preset = PresetRoots.preset(of: root, in: presets).map { "\($0): " } ?? ""
        StandardOutput.write("  - \(preset)\(DiagnosticText.quoted(root)) is writable\n")
      }
      for problem in problems {
        let preset = PresetRoots.preset(of: problem.root, in: presets)
        StandardOutput.write(
          "\n" + DiagnosticRenderer.render(problem.diagnostic(appPath: appPath, preset: preset)))
      }
      return ExitStatus.success
    }
  }

  /// The roots to check, the presets that selected them, and where they come from.
  private func writableRoots(
    _ directory: AppDirectory
  ) throws(CommandFailure) -> ([String], [String: [String]], String) {
    var candidates: [String] = []
    if let report { candidates.append(report) }
    if let layers = CommandRunner.environment["CNB_LAYERS_DIR"] {
      candidates.append("\(layers)/\(LayerWriter.layerName)/report.toml")
    }
    candidates.append(Self.imageReportPath)
    for path in candidates {
      do throws(CommandError.ReportProblem) {
        let read = try ReportReader.read(path: path)
        return (read.roots.paths, read.rootPresets, DiagnosticText.code(path))
      } catch {
        if path == report { throw CommandFailure(.cannotReadReport(path: path, error)) }
      }
    }
    let configuration = try PatternOptions.appConfiguration(
      app: directory, environment: CommandRunner.environment)
    do throws(ApplyError) {
      let result = try ApplySelection(
        configuration: configuration, mode: .list, threads: 1,
        effects: ApplyEffects(tree: directory, changer: DryRunPermissionChanger())
      ).run()
      return (result.roots.paths, result.rootPresets, "the app's configuration")
    } catch {
      throw CommandFailure(error.diagnostic)
    }
  }
}
