import Buildpack
import ChildProcessSupport
import Foundation
import TestSupport
import Testing

@Suite(.spawnedTOMLParser) struct RuntimeCheckTests {
  func run(roots: [String], environment: [String: String] = [:], in tree: TemporaryTree) throws
    -> (Int32, String)
  {
    let layer = try TemporaryTree()
    let list = roots.map { "\"\($0)\"" }.joined(separator: ", ")
    try layer.file("report.toml", contents: "roots = [\(list)]\n")
    var errors = ""
    let status = RuntimeCheck(
      environment: environment, reportPath: layer.path("report.toml"), appPath: tree.root,
      errorOutput: { errors += $0 }
    ).run()
    return (status, errors)
  }

  @Test func isSilentWhenEveryRootIsWritable() throws {
    let tree = try TemporaryTree()
    try tree.directory("tmp", mode: 0o775)
    let (status, errors) = try run(roots: ["tmp/"], in: tree)
    #expect(status == 0)
    #expect(errors == "")
  }

  @Test func warnsButNeverFails() throws {
    let tree = try TemporaryTree()
    let (status, errors) = try run(roots: ["tmp/", "log/"], in: tree)
    #expect(status == 0)
    #expect(errors.contains("! Warning: `tmp/` is missing\n"))
    #expect(errors.contains("! Warning: `log/` is missing\n"))
  }

  @Test func namesThePresetThatSelectedARootItWarnsAbout() throws {
    let tree = try TemporaryTree()
    let layer = try TemporaryTree()
    try layer.file(
      "report.toml", contents: "roots = [\"log/\", \"tmp/\"]\n[root-presets]\nrails = [\"tmp/\"]\n")
    var errors = ""
    let status = RuntimeCheck(
      environment: [:], reportPath: layer.path("report.toml"), appPath: tree.root,
      errorOutput: { errors += $0 }
    ).run()
    #expect(status == 0)
    #expect(
      errors.contains(
        "! Warning: `tmp/` is missing\n!\n! The build made `tmp/` group-writable, but it does not "
          + "exist in the container.\n!\n! The `rails` preset selected `tmp/`: Ruby on Rails writes there at run time.\n"
      ))
    #expect(errors.components(separatedBy: "preset selected").count == 2)
  }

  @Test func canBeTurnedOff() throws {
    let tree = try TemporaryTree()
    let (status, errors) = try run(
      roots: ["tmp/"], environment: ["BPL_GROUP_WRITABLE_CHECK": "false"], in: tree)
    #expect(status == 0)
    #expect(errors == "")
  }

  @Test func aMissingReportIsSilent() throws {
    let tree = try TemporaryTree()
    let status = RuntimeCheck(
      environment: [:], reportPath: tree.path("nope.toml"),
      errorOutput: { _ in Issue.record("printed") }
    ).run()
    #expect(status == 0)
  }
}

@Suite(.spawnedTOMLParser) struct RuntimeCheckStartTests {
  @Test(arguments: [3, 4]) func saysSoWhenTooFewFilesMayBeOpen(limit: Int) throws {
    let tree = try TemporaryTree()
    var errors = ""
    let status = RuntimeCheck(
      environment: ["BPL_GROUP_WRITABLE_CHECK": "false"], reportPath: tree.path("report.toml"),
      appPath: tree.root,
      openFileLimit: limit, errorOutput: { errors += $0 }
    ).run()
    #expect(status == 0)
    #expect(
      errors == """
        ! Warning: The start-up check did not run: the open-file limit is \(limit)
        !
        ! It needs at least 16 open files to make again what a fresh mount hides (the `create` directories, the `ephemeral` directories' writable places) and to check the writable roots. The app starts without them, and without the check that no other user controls the writable places.
        !
        ! How to fix it:
        ! - Raise the container's open-file limit (`ulimit -n`; `docker run --ulimit nofile=1024`, or the runtime's default).

        """)
  }

  @Test func aLinkIntoAPlaceAnotherUserControlsStopsTheStart() throws {
    let tree = try TemporaryTree()
    let places = try TemporaryTree()
    try places.directory("shared", mode: 0o777)
    chmod(places.path("shared"), 0o777)
    let target = places.path("shared/base/tmp")
    try tree.symlink("tmp", to: target)
    let layer = try TemporaryTree()
    try layer.file(
      "report.toml",
      contents: "roots = []\n[[ephemeral]]\npath = \"tmp\"\ntarget = \"\(target)\"\nmode = 493\n")
    var errors = ""
    let status = RuntimeCheck(
      environment: ["BPL_GROUP_WRITABLE_CHECK": "false"], reportPath: layer.path("report.toml"),
      appPath: tree.root,
      errorOutput: { errors += $0 }
    ).run()
    #expect(status == 1)
    #expect(errors.hasPrefix("! `tmp/` leads into a place another user controls\n"))
    #expect(errors.contains("`\(places.path("shared"))`, which has mode 777"))
    #expect(!FileManager.default.fileExists(atPath: places.path("shared/base")))
  }
}
