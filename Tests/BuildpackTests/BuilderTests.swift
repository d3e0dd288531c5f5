import Buildpack
import ChildProcessSupport
import Core
import FileSystem
import Foundation
import TOMLKit
import TestSupport
import Testing

@Suite(.spawnedTOMLParser) struct BuilderTests {
  struct Run {
    let status: Int32
    let output: String
    let errors: String
    let layers: TemporaryTree
  }

  /// Runs `Builder` on `tree` with `environment` and a scratch layers directory, on `threads` threads.
  func build(_ tree: TemporaryTree, environment: [String: String] = [:], threads: Int = 1) throws
    -> Run
  {
    let layers = try TemporaryTree()
    try layers.file("fake-check", mode: 0o755, contents: "#!/bin/sh\n")
    var env = environment
    env["CNB_LAYERS_DIR"] = layers.root
    let context = CNBContext.read(phase: .build, arguments: [], processEnvironment: env)
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    var output = ""
    var errors = ""
    let builder = Builder(
      context: context, app: app, log: BuildLog { output += $0 }, errorOutput: { errors += $0 },
      executable: layers.path("fake-check"), threads: threads)
    let status = builder.run()
    return Run(status: status, output: Self.normalized(output), errors: errors, layers: layers)
  }

  /// Durations vary from run to run: `0.01s` becomes `N.NNs`.
  static func normalized(_ text: String) -> String {
    text.replacingOccurrences(of: #"\d+\.\d+s"#, with: "N.NNs", options: .regularExpression)
  }

  func railsApp() throws -> TemporaryTree {
    let tree = try TemporaryTree()
    try tree.file(
      "project.toml",
      contents: """
        [utility.group-writable]
        paths = ["/tmp/", "/log/", "*.sqlite3", "/uploads/"]
        create = ["tmp/pids"]

        """)
    try tree.file("tmp/cache/a")
    try tree.file("log/production.log")
    try tree.file("db/production.sqlite3")
    try tree.file("app/models/user.rb")
    return tree
  }

  @Test func sharesTheWalkBetweenThreadsAndSaysSo() throws {
    let tree = try railsApp()
    let run = try build(tree, environment: ["BP_GROUP_WRITABLE_AUDIT": "false"], threads: 2)
    #expect(run.status == 0)
    #expect(
      run.output.contains(
        "  - Scanned 12 entries in N.NNs with 2 threads; skipped 0 directories no pattern can reach\n"
      ))
    #expect(run.output.contains("  - Changed 4 directories and 3 files\n"))
    #expect(tree.mode("tmp/cache/a") == 0o664)
  }

  @Test func listsEveryChangeInWalkOrderOnOneThreadWithDebug() throws {
    let tree = try railsApp()
    let run = try build(
      tree, environment: ["BP_GROUP_WRITABLE_AUDIT": "false", "BP_LOG_LEVEL": "DEBUG"], threads: 2)
    #expect(run.status == 0)
    #expect(
      run.output.contains(
        "  - Scanned 12 entries in N.NNs; skipped 0 directories no pattern can reach\n"))
    #expect(run.output.contains("`tmp/cache/a` 644 -> 664"))
  }

  @Test func printsTheBuildLogAndWritesTheLayer() throws {
    let tree = try railsApp()
    let run = try build(tree, environment: ["BP_GROUP_WRITABLE_AUDIT": "false"])
    #expect(run.status == 0)
    #expect(run.errors == "")
    #expect(
      run.output == """
        ## Group-Writable Paths (v\(BuildpackInfo.version))

        - Configuration
          - `project.toml` table `[utility.group-writable]`
          - `BP_GROUP_WRITABLE_AUDIT=false`
        - Walking the app directory
          - Created `tmp/pids/`
        - Selecting paths
          - `/tmp/` (project.toml paths:1) matched 1 path, 4 entries in all
          - `/log/` (project.toml paths:2) matched 1 path, 2 entries in all
          - `*.sqlite3` (project.toml paths:3) matched 1 path, 1 entry in all
          - `/uploads/` (project.toml paths:4) matched 0 paths, 0 entries in all
          - `/tmp/pids/` (`create`) is inside a selected directory
          - Scanned 12 entries in N.NNs; skipped 0 directories no pattern can reach
        - Granting group write access to group \(getgid())
          - Changed 4 directories and 3 files
          - Already group-writable: 0 entries
        - Writable paths (3)
          - `db/production.sqlite3`
          - `log/`
          - `tmp/`

        ! Warning: Pattern `/uploads/` matched nothing
        !
        ! The pattern `/uploads/` (project.toml paths, line 4) selected no path in the app directory.
        !
        ! How to fix it:
        ! - Check it for a typo: `group-writable check PATH` shows which pattern decides for a path.
        ! - If the path only appears at run time, list the directory under `create` instead.

        ! Warning: Selected files in directories the group cannot write
        !
        ! The run user can write these directories' selected files in place, but cannot create files next to them, so saving by writing a new file and renaming it over the old one will fail: `db/`.
        !
        ! How to fix it:
        ! - Select the directory instead (a pattern such as `/log/`), or list it under `create`, if the app saves files there atomically or makes new ones.

        - Done (finished in N.NNs)

        """)
    #expect(tree.mode("tmp/pids") == 0o775)
    #expect(tree.mode("tmp/cache/a") == 0o664)
    #expect(tree.mode("app/models/user.rb") == 0o644)
    #expect(tree.mode("db") == 0o755)
    let metadata = try TOMLTable(
      string: String(contentsOfFile: run.layers.path("group-writable.toml"), encoding: .utf8))
    #expect(metadata["types"]?["launch"]?.bool == true)
    #expect(
      metadata["metadata"]?["roots"]?.array?.compactMap(\.string) == [
        "db/production.sqlite3", "log/", "tmp/",
      ])
    #expect(metadata["metadata"]?["counts"]?["files-changed"]?.int == 3)
    let report = try TOMLTable(
      string: String(contentsOfFile: run.layers.path("group-writable/report.toml"), encoding: .utf8)
    )
    #expect(report["version"]?.string == BuildpackInfo.version)
    #expect(report["patterns"]?.array?.count == 5)
    #expect(report["patterns"]?[3]?["matches"]?.int == 0)
    #expect(report["warnings"]?.array?.count == 2)
    let launch = try TOMLTable(
      string: String(contentsOfFile: run.layers.path("launch.toml"), encoding: .utf8))
    #expect(launch["labels"]?[0]?["key"]?.string == "utility.group-writable.paths")
    #expect(launch["labels"]?[0]?["value"]?.string == #"["db/production.sqlite3","log/","tmp/"]"#)
    #expect(
      FileManager.default.isExecutableFile(
        atPath: run.layers.path("group-writable/exec.d/group-writable-check")))
  }

  @Test func debugListsEveryChange() throws {
    let tree = try TemporaryTree()
    try tree.file("log/a")
    let run = try build(
      tree,
      environment: [
        "BP_GROUP_WRITABLE_PATHS": "/log/", "BP_LOG_LEVEL": "debug",
        "BP_GROUP_WRITABLE_AUDIT": "no",
      ])
    #expect(run.status == 0)
    #expect(
      run.output.contains(
        "- Walking the app directory\n  - `log/a` 644 -> 664\n  - `log/` 755 -> 775\n"))
  }

  @Test func reportsTheDifferenceFromThePreviousImage() throws {
    let tree = try TemporaryTree()
    try tree.file("log/a")
    try tree.file("tmp/b")
    let layers = try TemporaryTree()
    try layers.file(
      "group-writable.toml",
      contents: "[metadata]\nroots = [\"log/\", \"cache/\"]\nroots-total = 2\n")
    let context = CNBContext.read(
      phase: .build, arguments: [],
      processEnvironment: [
        "CNB_LAYERS_DIR": layers.root, "BP_GROUP_WRITABLE_PATHS": "/log/,/tmp/",
        "BP_GROUP_WRITABLE_AUDIT": "false",
      ])
    try layers.file("check", mode: 0o755)
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    var output = ""
    let status = Builder(
      context: context, app: app, log: BuildLog { output += $0 }, errorOutput: { _ in },
      executable: layers.path("check")
    ).run()
    #expect(status == 0)
    #expect(
      output.contains(
        "- Since the previous image\n  - Now writable: `tmp/`\n  - No longer writable: `cache/`\n"))
  }

  @Test func auditsTheAppDirectory() throws {
    let tree = try TemporaryTree()
    try tree.file("log/a")
    try tree.file("bin/tool", mode: 0o4755)
    try tree.file("shared", mode: 0o666)
    let run = try build(tree, environment: ["BP_GROUP_WRITABLE_PATHS": "/log/"])
    #expect(run.status == 0)
    #expect(run.output.contains("- Audit: inspected 6 entries\n"))
    #expect(run.output.contains("! Warning: 1 setuid or setgid executable in the app directory\n"))
    #expect(
      run.output.contains(
        "  - Removed world write (`o+w`), set by the platform or the source, from 1 entry: `shared` 666 → 664\n"
      ))
    #expect(!run.output.contains("world-writable entry in the app directory"))
    #expect(tree.mode("shared") == 0o664)
  }

  @Test func needsALayersDirectory() throws {
    let tree = try TemporaryTree()
    let context = CNBContext.read(phase: .build, arguments: [], processEnvironment: [:])
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    var errors = ""
    let status = Builder(
      context: context, app: app, log: BuildLog { _ in }, errorOutput: { errors += $0 }
    ).run()
    #expect(status == 1)
    #expect(
      errors == """

        ! No layers directory
        !
        ! `bin/build` needs `CNB_LAYERS_DIR` (Buildpack API 0.8 and later) or the layers directory as its first argument, and got neither.
        !
        ! How to fix it:
        ! - Run the buildpack through a CNB platform such as `pack build`, or use `group-writable apply` outside a build.

        """)
  }
}

extension BuilderTests {
  /// The heading names the group the image gives the files, not the build process's (root's 0).
  @Test(arguments: [
    (["CNB_GROUP_ID": "1000"], "1000"), ([:], "\(getgid())"),
    (["CNB_GROUP_ID": "x"], "\(getgid())"),
  ])
  func namesTheGroupTheImageGivesTheFiles(environment: [String: String], group: String) throws {
    let tree = try TemporaryTree()
    try tree.file("log/a")
    let run = try build(
      tree, environment: environment.merging(["BP_GROUP_WRITABLE_PATHS": "/log/"]) { $1 })
    #expect(run.status == 0)
    #expect(run.output.contains("- Granting group write access to group \(group)\n"))
  }
}
