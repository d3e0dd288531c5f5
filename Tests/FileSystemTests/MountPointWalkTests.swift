import ChildProcessSupport
import FileSystem
import Foundation
import Patterns
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A bind mount inside the app directory (same file system, so the same device) is neither visited nor entered.
@Suite(.enabled(if: geteuid() == 0, "bind mounts need root")) struct MountPointWalkTests {
  static func run(_ tool: String, _ arguments: [String]) -> IsolatedCall.Outcome {
    SpawnedProcess.run(URL(fileURLWithPath: "/bin/\(tool)"), arguments, seconds: 30).outcome
  }

  @Test(arguments: [false, true])
  func neverEntersOrHandsOverABindMountedDirectoryOrFile(everyEntry: Bool) throws {
    let tree = try TemporaryTree()
    let elsewhere = try TemporaryTree()
    try tree.directory("cache")
    try tree.directory("log")
    try tree.file("log/a")
    try tree.file("config.yml")
    try elsewhere.directory("volume")
    try elsewhere.file("volume/data", mode: 0o666)
    try elsewhere.file("secret", mode: 0o600)
    #expect(
      Self.run("mount", ["--bind", elsewhere.path("volume"), tree.path("cache")]) == .returned(0))
    #expect(
      Self.run("mount", ["--bind", elsewhere.path("secret"), tree.path("config.yml")])
        == .returned(0))
    defer {
      _ = Self.run("umount", [tree.path("cache")])
      _ = Self.run("umount", [tree.path("config.yml")])
    }
    let set = PatternSet(
      PatternParser.parse(Array("/cache/\n/log/\n/config.yml\n".utf8), source: "test"))
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    let handler = RecordingHandler()
    handler.readsStatus = true
    var options = WalkOptions()
    options.visitsEveryEntry = everyEntry
    let summary = TreeWalker(patterns: set, options: options, handler: handler).walk(
      root: app.descriptor)
    #expect(!handler.visited.contains { $0.hasPrefix("cache/") })
    #expect(handler.noticed == ["cache/ otherFileSystem needed"])
    #expect(summary.mountPointsSkipped == 1)
    #expect(handler.visited.contains("log/a inside"))
    // A bind-mounted file is handed over (the walk types it by d_type) with its status saying so.
    #expect(handler.visited.contains("config.yml root:2"))
    let app2 = try AppDirectory.open(tree.root)
    defer { app2.descriptor.close() }
    #expect(try app2.descriptor.status(of: "config.yml").isMountRoot)
    #expect(try !app2.descriptor.status(of: "log").isMountRoot)
  }
}
