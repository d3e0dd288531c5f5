import ChildProcessSupport
import FileSystem
import Foundation
import Patterns
import TestSupport
import Testing

@testable import Core

@Suite(.spawnedTOMLParser) struct EphemeralTests {
  func build(
    _ tree: TemporaryTree, ephemeral: [RelativePath], base: String, create: [RelativePath] = []
  )
    throws -> Report
  {
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    var configuration = Configuration(
      patterns: PatternParser.parse(Array("/log/\n".utf8), source: "test"), create: create,
      audit: false)
    configuration.ephemeral = ephemeral
    configuration.ephemeralBase = base
    return try ApplySelection(
      configuration: configuration, mode: .apply, threads: 1,
      effects: ApplyEffects(tree: app, changer: SystemPermissionChanger())
    ).run()
  }

  func start(_ tree: TemporaryTree, _ report: Report) throws -> [StartupProblem] {
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    let decoded = try ReportText.report(fromTOML: ReportText.toml(report))
    return StartupRepair(app: app).run(decoded)
  }

  @Test func movesTheContentsToASeedLinksTheDirectoryAndPutsItBackAtStart() throws {
    let tree = try TemporaryTree.railsShaped()
    try tree.file("tmp/cache/keep.txt", contents: "kept")
    let places = try TemporaryTree()
    let base = places.path("base")
    let report = try build(tree, ephemeral: ["tmp"], base: base, create: ["tmp/pids"])
    #expect(
      report.ephemeral == [
        EphemeralLink(
          path: "tmp", target: base + "/tmp", seed: ".group-writable/ephemeral/tmp", mode: 0o755)
      ])
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: tree.path("tmp")) == base + "/tmp")
    #expect(
      FileManager.default.fileExists(
        atPath: tree.path(".group-writable/ephemeral/tmp/cache/keep.txt")))
    #expect(try start(tree, report).isEmpty)
    #expect(try String(contentsOfFile: tree.path("tmp/cache/keep.txt"), encoding: .utf8) == "kept")
    #expect(places.mode("base/tmp/pids") == tree.mode(".group-writable/ephemeral/tmp/pids"))
    // A second start finds the place and leaves it alone.
    try "changed".write(toFile: tree.path("tmp/cache/keep.txt"), atomically: false, encoding: .utf8)
    #expect(try start(tree, report).isEmpty)
    #expect(
      try String(contentsOfFile: tree.path("tmp/cache/keep.txt"), encoding: .utf8) == "changed")
  }

  @Test func aRebuildFindsItsOwnLinkAndAMissingDirectoryBecomesALink() throws {
    let tree = try TemporaryTree()
    let places = try TemporaryTree()
    let first = try build(tree, ephemeral: ["var/run"], base: places.root)
    #expect(first.ephemeral.first?.seed == nil)
    #expect(tree.mode("var") == 0o755)
    let second = try build(tree, ephemeral: ["var/run"], base: places.root)
    #expect(second.ephemeral.first?.target == places.root + "/var/run")
  }

  @Test func refusesAnotherLinkAFileAndTooMuchContent() throws {
    let tree = try TemporaryTree()
    try tree.symlink("elsewhere", to: "/etc")
    try tree.file("file")
    for index in 0...EphemeralLimits.seedEntries { try tree.file("big/f\(index)") }
    #expect(throws: ApplyError.cannotLinkEphemeral(path: "elsewhere", .otherLink(target: "/etc"))) {
      try build(tree, ephemeral: ["elsewhere"], base: "/tmp/x")
    }
    #expect(throws: ApplyError.cannotLinkEphemeral(path: "file", .notDirectory)) {
      try build(tree, ephemeral: ["file"], base: "/tmp/x")
    }
    #expect(throws: ApplyError.ephemeralTooLarge(path: "big", limit: EphemeralLimits.seedEntries)) {
      try build(tree, ephemeral: ["big"], base: "/tmp/x")
    }
  }

  @Test func makesMissingCreateDirectoriesAgainWithTheirModes() throws {
    let tree = try TemporaryTree.railsShaped()
    let report = try build(
      tree, ephemeral: [], base: "/unused", create: ["tmp/pids", "tmp/sockets"])
    try FileManager.default.removeItem(atPath: tree.path("tmp/sockets"))
    #expect(try start(tree, report).isEmpty)
    #expect(tree.mode("tmp/sockets") == 0o775)
  }

  @Test func neverGoesThroughASymlinkTheImageDidNotHave() throws {
    let tree = try TemporaryTree()
    let outside = try TemporaryTree()
    let report = try build(tree, ephemeral: [], base: "/unused", create: ["tmp/pids"])
    try FileManager.default.removeItem(atPath: tree.path("tmp"))
    try tree.symlink("tmp", to: outside.root)
    #expect(try start(tree, report) == [.symlinkNotInImage(path: "tmp/pids", component: "tmp")])
    #expect(!FileManager.default.fileExists(atPath: outside.path("pids")))
  }

  @Test func refusesAWritablePlaceSomebodyElseMadeFirst() throws {
    guard geteuid() == 0 else { return }
    let tree = try TemporaryTree()
    let places = try TemporaryTree()
    let report = try build(tree, ephemeral: ["tmp"], base: places.path("base"))
    try places.directory("base")
    chown(places.path("base"), 4242, 4242)
    #expect(
      try start(tree, report) == [
        .cannotPrepareEphemeral(path: "tmp", .notOwned(path: places.path("base"), owner: 4242))
      ])
  }

  @Test func aPlantedBaseStopsTheStartAndNothingIsMadeInIt() throws {
    guard geteuid() == 0 else { return }
    let tree = try TemporaryTree()
    let places = try TemporaryTree()
    let report = try build(
      tree, ephemeral: ["tmp"], base: places.path("base"), create: ["tmp/pids"])
    try places.directory("base")
    try places.directory("base/tmp")
    chown(places.path("base"), 4242, 4242)
    let problems = try start(tree, report)
    #expect(
      problems == [
        .cannotPrepareEphemeral(path: "tmp", .notOwned(path: places.path("base"), owner: 4242))
      ])
    #expect(problems.allSatisfy { $0.stopsTheStart })
    #expect(!FileManager.default.fileExists(atPath: places.path("base/tmp/pids")))
  }

  @Test(arguments: [(mode_t(0o777), true), (0o770, true), (0o1777, false), (0o755, false)])
  func aParentOthersMayRenameInIsRefused(mode: mode_t, refused: Bool) throws {
    let tree = try TemporaryTree()
    let places = try TemporaryTree()
    try places.directory("shared", mode: mode)
    chmod(places.path("shared"), mode)
    let report = try build(tree, ephemeral: ["tmp"], base: places.path("shared/base"))
    let problems = try start(tree, report)
    if refused {
      #expect(
        problems == [
          .cannotPrepareEphemeral(
            path: "tmp", .othersMayRename(path: places.path("shared"), permissions: mode))
        ])
      #expect(problems.allSatisfy { $0.stopsTheStart })
      #expect(!FileManager.default.fileExists(atPath: places.path("shared/base")))
    } else {
      #expect(problems == [])
      #expect(places.mode("shared/base") == 0o755)
    }
  }

  @Test func aPlantedLinkAsTheBaseIsRefused() throws {
    let tree = try TemporaryTree()
    let places = try TemporaryTree()
    let victim = try TemporaryTree()
    let report = try build(tree, ephemeral: ["tmp"], base: places.path("base"))
    try places.symlink("base", to: victim.root)
    let problems = try start(tree, report)
    #expect(
      problems == [.cannotPrepareEphemeral(path: "tmp", .notDirectory(path: places.path("base")))])
    #expect(problems.allSatisfy { $0.stopsTheStart })
    #expect(!FileManager.default.fileExists(atPath: victim.path("tmp")))
  }

  @Test func seedNamesAndLinkTargetsAreCopiedByteForByte() throws {
    let tree = try TemporaryTree()
    let places = try TemporaryTree()
    try tree.directory("tmp")
    let name = Array("caf".utf8) + [0xE9]
    let target = Array("target".utf8) + [0xFF]
    let seed = try AppDirectory.open(tree.path("tmp"))
    try AppDirectory.withName(name) { name throws(Errno) in
      try seed.descriptor.makeDirectory(name, mode: 0o750)
    }
    try seed.descriptor.makeSymbolicLink("link", toBytes: target)
    seed.descriptor.close()
    let report = try build(tree, ephemeral: ["tmp"], base: places.path("base"))
    #expect(try start(tree, report) == [])
    let place = try AppDirectory.open(places.path("base/tmp"))
    defer { place.descriptor.close() }
    let copied = try AppDirectory.withName(name) { name throws(Errno) in
      try place.descriptor.status(of: name)
    }
    #expect(copied.kind == .directory && copied.permissions == 0o750)
    #expect(try place.descriptor.symbolicLinkTarget("link") == target)
    #expect(
      try DirectoryListing.names(in: place.descriptor, limit: 10).map(\.name).sorted {
        $0.lexicographicallyPrecedes($1)
      } == [name, Array("link".utf8)])
  }

  @Test func refusesASeedOfMoreBytesThanTheCap() throws {
    let tree = try TemporaryTree()
    try tree.file("big/log")
    #expect(truncate(tree.path("big/log"), off_t(EphemeralLimits.seedBytes + 1)) == 0)
    #expect(
      throws: ApplyError.ephemeralTooManyBytes(
        path: "big", bytes: EphemeralLimits.seedBytes + 1, limit: EphemeralLimits.seedBytes)
    ) {
      try build(tree, ephemeral: ["big"], base: "/tmp/x")
    }
  }

  @Test func aMissingParentOfACreateDirectoryGetsTheModeTheBuildGaveIt() throws {
    let tree = try TemporaryTree()
    try tree.directory("var/run", mode: 0o770)
    let report = try build(tree, ephemeral: [], base: "/unused", create: ["var/run/app"])
    let built = tree.mode("var/run")
    #expect(built == 0o770)
    try FileManager.default.removeItem(atPath: tree.path("var/run"))
    #expect(try start(tree, report).isEmpty)
    #expect(tree.mode("var/run") == built)
    #expect(tree.mode("var/run/app") == 0o775)
  }
}
