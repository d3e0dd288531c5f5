import Buildpack
import ChildProcessSupport
import Core
import FileSystem
import TestSupport
import Testing

/// The previous image's `<layer>.toml` is read before the walk; one that cannot be used is one warning and no
/// comparison, never a failed or aborted build, and the comparison is capped like every other list.
@Suite(.spawnedTOMLParser) struct PreviousMetadataTests {
  /// Builds `/log/` and `/tmp/` of a small app with `previous` as the restored `group-writable.toml`.
  func build(previous: String) throws -> (
    status: Int32, output: String, layers: TemporaryTree, app: TemporaryTree
  ) {
    let tree = try TemporaryTree()
    try tree.file("log/a", mode: 0o644)
    try tree.file("tmp/b")
    let layers = try TemporaryTree()
    try layers.file("group-writable.toml", contents: previous)
    try layers.file("check", mode: 0o755)
    let context = CNBContext.read(
      phase: .build, arguments: [],
      processEnvironment: [
        "CNB_LAYERS_DIR": layers.root, "BP_GROUP_WRITABLE_PATHS": "/log/,/tmp/",
        "BP_GROUP_WRITABLE_AUDIT": "false",
      ])
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    var output = ""
    let status = Builder(
      context: context, app: app, log: BuildLog { output += $0 }, errorOutput: { output += $0 },
      executable: layers.path("check")
    ).run()
    return (status, output, layers, tree)
  }

  @Test(arguments: [
    ("[metadata]\n[[[a]]]\n", "the TOML parser crashed on it (signal 6)"),
    (
      "[metadata]\nroots = [\"log/\"]\nroots-total = -5\n",
      "its `roots-total` (-5) is smaller than the 1 roots it lists"
    ),
    (
      "[metadata]\nroots = [\"x/\\n  - Done (finished in 0.1s)\"]\n",
      "root 1 is not a path in the escaped form this buildpack writes"
    ),
    ("[metadata\n", "Error while parsing table header"),
  ])
  func warnsAndComparesNothingWhenItCannotBeUsed(previous: String, reason: String) throws {
    let run = try build(previous: previous)
    #expect(run.status == 0)
    #expect(run.output.contains("! Warning: Not comparing with the previous image\n"))
    #expect(run.output.contains(reason))
    #expect(!run.output.contains("Since the previous image"))
    #expect(run.app.mode("log/a") == 0o664)
    let written = try String(
      contentsOfFile: run.layers.path("group-writable.toml"), encoding: .utf8)
    #expect(written.contains("roots = [ 'log/', 'tmp/' ]"))
  }

  @Test func listsAtMostTwentyChangesOfEachKind() throws {
    let roots = (0..<200).map { "\"gone\($0)/\"" }.joined(separator: ", ")
    let run = try build(previous: "[metadata]\nroots = [\(roots)]\nroots-total = 200\n")
    #expect(run.status == 0)
    #expect(
      run.output.contains(
        "  - No longer writable: `gone19/`\n  - … and 180 more no longer writable\n"))
    #expect(!run.output.contains("gone20/"))
  }
}
