import Buildpack
import ChildProcessSupport
import Core
import FileSystem
import Foundation
import TOMLKit
import TestSupport
import Testing

/// A build with presets: the log and `report.toml` say which preset selected each root; `auto` says what it found.
@Suite(.spawnedTOMLParser) struct PresetBuildTests {
  /// The build log, detect's output, and `report.toml` of `tree` built with `environment`.
  struct Run {
    let status: Int32
    let output: String
    let report: TOMLTable?
  }

  func build(_ tree: TemporaryTree, environment: [String: String] = [:]) throws -> Run {
    let layers = try TemporaryTree()
    try layers.file("fake-check", mode: 0o755, contents: "#!/bin/sh\n")
    var env = environment
    env["CNB_LAYERS_DIR"] = layers.root
    env["BP_GROUP_WRITABLE_AUDIT"] = "false"
    let context = CNBContext.read(phase: .build, arguments: [], processEnvironment: env)
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    var output = ""
    let status = Builder(
      context: context, app: app, log: BuildLog { output += $0 }, errorOutput: { output += $0 },
      executable: layers.path("fake-check"), threads: 1
    ).run()
    let report = try? String(
      contentsOfFile: layers.path("group-writable/report.toml"), encoding: .utf8)
    return Run(
      status: status,
      output: output.replacingOccurrences(
        of: #"\d+\.\d+s"#, with: "N.NNs", options: .regularExpression),
      report: try report.map { try TOMLTable(string: $0) })
  }

  /// Runs detect on `tree` with `environment`: its status and output.
  func detect(_ tree: TemporaryTree, environment: [String: String]) throws -> (Int32, String) {
    let context = CNBContext.read(phase: .detect, arguments: [], processEnvironment: environment)
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    var output = ""
    let status = Detector(
      context: context, app: app, output: { output += $0 }, errorOutput: { output += $0 }
    ).run()
    return (status, output)
  }

  /// A Rails 8 skeleton: a handful of its real top-level files and directories.
  func rails8() throws -> TemporaryTree {
    let tree = try TemporaryTree()
    for file in [
      "bin/rails", "config/application.rb", "config/database.yml", "Gemfile", "config.ru",
      "Rakefile",
      "app/models/application_record.rb", "log/.keep", "tmp/.keep", "storage/.keep",
      "public/robots.txt",
    ] {
      try tree.file(file)
    }
    return tree
  }

  @Test func theLogAndTheReportSayWhichPresetSelectedEachRoot() throws {
    let tree = try rails8()
    try tree.file(
      "project.toml",
      contents: "[utility.group-writable]\npresets = [\"rails\"]\npaths = [\"/public/\"]\n")
    let run = try build(tree)
    #expect(run.status == 0)
    #expect(
      run.output.contains(
        """
        - Selecting paths
          - `/tmp/` (preset rails:1) matched 1 path, 5 entries in all
          - `/log/` (preset rails:2) matched 1 path, 2 entries in all
          - `/storage/` (preset rails:3) matched 1 path, 2 entries in all
          - `/db/*.sqlite3` (preset rails:4) matched 0 paths, 0 entries in all
          - `/public/` (project.toml paths:1) matched 1 path, 2 entries in all

        """))
    #expect(
      run.output.contains(
        """
        - Writable paths (4)
          - rails: `log/`
          - `public/`
          - rails: `storage/`
          - rails: `tmp/`
        - Done
        """))
    #expect(
      run.report?["root-presets"]?["rails"]?.array?.compactMap(\.string) == [
        "log/", "storage/", "tmp/",
      ])
    #expect(tree.mode("tmp/pids") == 0o775)
    #expect(tree.mode("app/models/application_record.rb") == 0o644)
  }

  @Test func anOperatorsAutoPassesDetectOnlyForAFramework() throws {
    let tree = try rails8()
    #expect(try detect(tree, environment: ["BP_GROUP_WRITABLE_PRESETS": "auto"]) == (0, ""))
    let other = try TemporaryTree()
    try other.file("Gemfile")
    let (status, output) = try detect(other, environment: ["BP_GROUP_WRITABLE_PRESETS": "auto"])
    #expect(status == ExitStatus.detectFailed)
    #expect(output == OptOutReason.noFrameworkDetected.sentence + "\n")
  }
}
