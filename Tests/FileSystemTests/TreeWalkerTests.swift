import FileSystem
import Foundation
import Patterns
import TestSupport
import Testing

@Suite struct TreeWalkerTests {
  /// Walks `tree` with `patterns` (one per line) and returns the handler and summary.
  func walk(
    _ tree: TemporaryTree, _ patterns: String, options: WalkOptions = WalkOptions(),
    handler: RecordingHandler = RecordingHandler()
  ) throws -> (RecordingHandler, WalkSummary) {
    let set = PatternSet(PatternParser.parse(Array(patterns.utf8), source: "test"))
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    let summary = TreeWalker(patterns: set, options: options, handler: handler).walk(
      root: app.descriptor)
    return (handler, summary)
  }

  func railsTree() throws -> TemporaryTree { try .railsShaped() }

  @Test func visitsSelectedEntriesAndTheDirectoriesItEnters() throws {
    let (handler, summary) = try walk(railsTree(), "/tmp/\n/log/\n*.sqlite3\n")
    #expect(
      Set(handler.visited) == [
        "./", "app/", "app/models/", "bin/", "db/", "db/production.sqlite3 root:2", "log/ root:1",
        "log/production.log inside", "tmp/ root:0", "tmp/cache/ inside", "tmp/cache/a inside",
        "tmp/pids/ inside",
      ])
    #expect(summary.matchesPerPattern == [1, 1, 1])
    #expect(summary.selectedPerPattern == [4, 2, 1])
    #expect(summary.selectedDirectories == 4)
    #expect(summary.selectedFiles == 3)
    #expect(handler.noticed.isEmpty)
  }

  @Test func leavesEveryVisitedDirectoryAfterItsEntriesWithTheMarksSeen() throws {
    let handler = RecordingHandler()
    handler.marksFor["db/production.sqlite3"] = .holdsDatabase
    let (recorded, _) = try walk(railsTree(), "/db/*.sqlite3\n/tmp/cache/\n", handler: handler)
    #expect(recorded.left.last == "./ leads")
    #expect(recorded.left.contains("db/ leads database"))
    #expect(recorded.left.contains("tmp/ leads"))
    #expect(!recorded.left.contains("app/"))
    let cache = try #require(recorded.left.firstIndex(of: "tmp/cache/"))
    let tmp = try #require(recorded.left.firstIndex(of: "tmp/ leads"))
    #expect(cache < tmp)
  }

  @Test func visitsEveryEntryWhenAskedAndPrunesNothing() throws {
    let tree = try railsTree()
    try tree.file("node_modules/a/b/index.js")
    let (handler, summary) = try walk(tree, "/tmp/\n", options: WalkOptions(visitsEveryEntry: true))
    #expect(handler.visited.contains("node_modules/a/b/index.js"))
    #expect(handler.visited.contains("app/models/user.rb"))
    #expect(handler.visited.contains("tmp/cache/a inside"))
    #expect(summary.directoriesPruned == 0)
    let (pruned, prunedSummary) = try walk(tree, "/tmp/\n")
    #expect(!pruned.visited.contains("node_modules/"))
    #expect(prunedSummary.directoriesPruned == 5)
  }

  @Test func negationAndLastMatchWins() throws {
    let (handler, summary) = try walk(railsTree(), "/tmp/*\n!/tmp/pids/\n")
    #expect(summary.matchesPerPattern == [1, 1])
    #expect(
      handler.visited.filter { $0.hasPrefix("tmp/") }.sorted() == [
        "tmp/", "tmp/cache/ root:0", "tmp/cache/a inside",
      ])
  }

  @Test func neverOpensSymlinksOrSpecialFiles() throws {
    let tree = try railsTree()
    let outside = try TemporaryTree()
    try outside.file("dir/secret")
    try tree.symlink("tmp/escape", to: outside.path("dir"))
    try tree.symlink("log/loop", to: "loop")
    #expect(mkfifo(tree.path("tmp/fifo"), 0o644) == 0)
    let (handler, summary) = try walk(tree, "/tmp/\n/log/\nescape/\n")
    #expect(handler.visited.contains("tmp/escape inside"))
    #expect(handler.visited.contains("tmp/fifo inside"))
    #expect(handler.visited.contains("log/loop inside"))
    #expect(!handler.visited.contains { $0.contains("secret") })
    #expect(summary.selectedOther == 3)
  }

  @Test func selectsEverythingInWholeAppMode() throws {
    let (handler, summary) = try walk(
      railsTree(), "", options: WalkOptions(selectsEverything: true))
    #expect(handler.visited.first == "./ root")
    #expect(handler.visited.dropFirst().allSatisfy { $0.hasSuffix(" inside") })
    #expect(summary.selectedFiles == 5)
    #expect(summary.selectedDirectories == 9)
  }

  @Test func namesDirectoriesItCannotOpenAndStillHandsThemOver() throws {
    guard geteuid() != 0 else { return }
    let tree = try railsTree()
    try tree.file("secret/helper", mode: 0o4755)
    chmod(tree.path("secret"), 0o311)
    let (handler, summary) = try walk(tree, "helper\n")
    #expect(handler.noticed == ["secret/ unreadable(EACCES (Permission denied)) needed"])
    #expect(handler.left.contains("secret/ unopened"))
    #expect(summary.directoriesUnread == 1)
    chmod(tree.path("secret"), 0o755)
  }

  @Test func walksTreesDeeperThanPathMaxAndThanItsDescriptorBudget() throws {
    let tree = try TemporaryTree()
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    var directory = app.descriptor
    let name = String(repeating: "d", count: 200)
    for level in 0..<40 {
      try directory.makeDirectory(name, mode: 0o755)
      let next = try directory.openDirectory(name)
      if level == 20 { _ = try? next.makeDirectory("side", mode: 0o755) }
      if directory != app.descriptor { directory.close() }
      directory = next
    }
    directory.close()
    let (handler, summary) = try walk(tree, "side/\n", options: WalkOptions(descriptorBudget: 3))
    #expect(summary.directoriesRead == 41)
    #expect(summary.directoriesReopened > 30)
    #expect(handler.visited.filter { $0.hasSuffix("side/ root:0") }.count == 1)
    #expect(handler.left.count == 42)
    #expect(handler.left.filter { $0.hasSuffix(" leads") }.count == 22)
    #expect(handler.noticed.isEmpty)
  }

  @Test func typesEntriesTheFileSystemDidNotTypeAndHandsOverTheirStatus() throws {
    let tree = try railsTree()
    let handler = RecordingHandler()
    handler.readsStatus = true
    _ = try walk(tree, "/tmp/\n", handler: handler)
    #expect(handler.statusKinds["tmp/cache/a"] == .regular)
    #expect(handler.statusKinds["tmp/pids/"] == .directory)
  }

  @Test func handlesNamesWithControlCharactersAndInvalidUTF8() throws {
    let tree = try TemporaryTree()
    let names: [[UInt8]] = [
      Array("new\nline".utf8), [0x66, 0xFF, 0x6F], Array("-rf".utf8), Array("#x".utf8),
    ]
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    for name in names {
      let text = name.map { CChar(bitPattern: $0) } + [0]
      try app.descriptor.makeDirectory(text, mode: 0o755)
    }
    let (handler, _) = try walk(tree, "*\n")
    #expect(handler.visited.filter { $0.hasSuffix("root:0") }.count == 4)
    #expect(handler.noticed.isEmpty)
  }
}
