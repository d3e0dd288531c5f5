import FileSystem
import Foundation
import TestSupport
import Patterns
import Testing

@Suite struct TreeWalkerTests {
  /// Walks `tree` with `patterns` (one per line) and returns the observer and summary.
  func walk(
    _ tree: TemporaryTree, _ patterns: String, action: WalkAction = .apply(
      SystemPermissionChanger(), PermissionRule()),
    wholeApp: Bool = false, buildUserID: uid_t = geteuid()
  ) throws -> (RecordingObserver, WalkSummary) {
    let set = PatternSet(PatternParser.parse(Array(patterns.utf8), source: "test"))
    let observer = RecordingObserver()
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    let walker = TreeWalker(
      patterns: set,
      options: WalkOptions(action: action, wholeApp: wholeApp, buildUserID: buildUserID),
      observer: observer)
    let summary = walker.walk(root: app.descriptor)
    return (observer, summary)
  }

  func railsTree() throws -> TemporaryTree {
    let tree = try TemporaryTree()
    try tree.file("app/models/user.rb")
    try tree.file("tmp/cache/a", mode: 0o600)
    try tree.directory("tmp/pids", mode: 0o700)
    try tree.file("log/production.log")
    try tree.file("db/production.sqlite3")
    try tree.file("bin/rails", mode: 0o755)
    return tree
  }

  @Test func grantsOwnerBitsToTheGroupOfSelectedEntries() throws {
    let tree = try railsTree()
    let (observer, summary) = try walk(tree, "/tmp/\n/log/\n*.sqlite3\n")
    #expect(tree.mode("tmp") == 0o775)
    #expect(tree.mode("tmp/cache") == 0o775)
    #expect(tree.mode("tmp/cache/a") == 0o660)
    #expect(tree.mode("tmp/pids") == 0o770)
    #expect(tree.mode("log/production.log") == 0o664)
    #expect(tree.mode("db/production.sqlite3") == 0o664)
    #expect(tree.mode("db") == 0o755)
    #expect(tree.mode("app/models/user.rb") == 0o644)
    #expect(tree.mode("bin/rails") == 0o755)
    #expect(tree.mode("") == 0o755)
    #expect(summary.directoriesChanged == 4)
    #expect(summary.filesChanged == 3)
    #expect(summary.matchesPerPattern == [1, 1, 1])
    #expect(summary.selectedPerPattern == [4, 2, 1])
    #expect(observer.failed.isEmpty)
    #expect(Set(observer.selected.filter { $0.hasSuffix(" root") }) == ["tmp/ root", "log/ root", "db/production.sqlite3 root"])
  }

  @Test func secondRunChangesNothing() throws {
    let tree = try railsTree()
    _ = try walk(tree, "/tmp/\n/log/\n")
    let (observer, summary) = try walk(tree, "/tmp/\n/log/\n")
    #expect(observer.changed.isEmpty)
    #expect(summary.alreadyWritable == 6)
  }

  @Test func listAndDryRunChangeNothing() throws {
    let tree = try railsTree()
    let (listed, listSummary) = try walk(tree, "/tmp/\n", action: .list)
    #expect(listed.selected.sorted() == ["tmp/ root", "tmp/cache/", "tmp/cache/a", "tmp/pids/"])
    #expect(listSummary.changed == 0)
    let (dry, drySummary) = try walk(tree, "/tmp/\n", action: .apply(DryRunPermissionChanger(), PermissionRule()))
    #expect(drySummary.directoriesChanged == 3)
    #expect(dry.changed.contains("tmp/ 755->775"))
    #expect(tree.mode("tmp") == 0o755)
    #expect(tree.mode("tmp/cache/a") == 0o600)
  }

  @Test func negationAndLastMatchWins() throws {
    let tree = try railsTree()
    let (observer, summary) = try walk(tree, "/tmp/*\n!/tmp/pids/\n")
    #expect(summary.matchesPerPattern == [1, 1])
    #expect(observer.selected.sorted() == ["tmp/cache/ root", "tmp/cache/a"])
    #expect(tree.mode("tmp/pids") == 0o700)
    #expect(tree.mode("tmp/cache") == 0o775)
  }

  @Test func neverFollowsOrChangesSymlinks() throws {
    let tree = try railsTree()
    let outside = try TemporaryTree()
    try outside.file("secret", mode: 0o600)
    try outside.directory("dir", mode: 0o700)
    try tree.symlink("tmp/escape", to: outside.path("dir"))
    try tree.symlink("tmp/secret", to: outside.path("secret"))
    try tree.symlink("log/loop", to: "loop")
    let (observer, summary) = try walk(tree, "/tmp/\nescape/\n*secret*\n/log/\n")
    #expect(outside.mode("secret") == 0o600)
    #expect(outside.mode("dir") == 0o700)
    #expect(summary.skipped == 3)
    #expect(observer.skipped.sorted() == ["log/loop symbolicLink", "tmp/escape symbolicLink", "tmp/secret symbolicLink"])
  }

  @Test func leavesHardLinkedAndSetIDFilesAlone() throws {
    let tree = try railsTree()
    try tree.file("tmp/setuid", mode: 0o4755)
    try FileManager.default.linkItem(atPath: tree.path("tmp/cache/a"), toPath: tree.path("tmp/link"))
    let (observer, _) = try walk(tree, "/tmp/\n")
    #expect(tree.mode("tmp/setuid") == 0o4755)
    #expect(tree.mode("tmp/cache/a") == 0o600)
    #expect(observer.skipped.sorted() == [
      "tmp/cache/a hardLinked(linkCount: 2)", "tmp/link hardLinked(linkCount: 2)",
      "tmp/setuid setID(permissions: 2541)",
    ])
  }

  @Test func neverOpensSpecialFiles() throws {
    let tree = try railsTree()
    #expect(mkfifo(tree.path("tmp/fifo"), 0o644) == 0)
    let (observer, summary) = try walk(tree, "/tmp/\nfifo\n")
    #expect(observer.skipped == ["tmp/fifo specialFile(FileSystem.FileKind.fifo)"])
    #expect(tree.mode("tmp/fifo") == 0o644)
    #expect(summary.selectedOther == 1)
  }

  @Test func givesAncestorsGroupSearchButNotTheAppRoot() throws {
    let tree = try TemporaryTree()
    try tree.file("a/b/c/file")
    chmod(tree.path("a"), 0o700)
    chmod(tree.path("a/b"), 0o750)
    chmod(tree.root, 0o700)
    let (observer, summary) = try walk(tree, "/a/b/c/\n")
    #expect(tree.mode("a") == 0o710)
    #expect(tree.mode("a/b") == 0o750)
    #expect(tree.mode("a/b/c") == 0o775)
    #expect(tree.mode("") == 0o700)
    #expect(observer.rootWithoutSearch == 0o700)
    #expect(summary.ancestorsChanged == 1)
    chmod(tree.root, 0o755)
  }

  @Test func wholeAppModeChangesTheRootToo() throws {
    let tree = try railsTree()
    let (observer, summary) = try walk(tree, "", wholeApp: true)
    #expect(tree.mode("") == 0o775)
    #expect(tree.mode("app/models/user.rb") == 0o664)
    #expect(tree.mode("bin/rails") == 0o775)
    #expect(observer.selected.first == "/ root")
    #expect(summary.selectedFiles == 5)
    #expect(summary.selectedDirectories == 9)
  }

  @Test func prunesDirectoriesNoPatternCanReach() throws {
    let tree = try railsTree()
    try tree.file("node_modules/a/b/c/index.js")
    let (_, summary) = try walk(tree, "/tmp/\n/log/\n")
    #expect(summary.directoriesRead == 4)
    #expect(summary.directoriesPruned >= 4)
  }

  @Test func reportsEntriesItDoesNotOwn() throws {
    let tree = try railsTree()
    let stranger = geteuid() == 4242 ? uid_t(4243) : uid_t(4242)
    let (observer, summary) = try walk(tree, "/log/\n", buildUserID: stranger)
    #expect(summary.failed == 2)
    #expect(observer.failed.first?.contains("notOwned(ownerID: \(geteuid()), buildUserID: \(stranger))") == true)
    #expect(tree.mode("log") == 0o755)
  }

  @Test func walksTreesDeeperThanPathMax() throws {
    let tree = try TemporaryTree()
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    var directory = app.descriptor
    let name = String(repeating: "d", count: 200)
    for _ in 0..<40 {
      try directory.makeDirectory(name, mode: 0o755)
      let next = try directory.openDirectory(name)
      if directory != app.descriptor { directory.close() }
      directory = next
    }
    directory.close()
    let (observer, summary) = try walk(tree, "\(name)/\n")
    #expect(summary.directoriesChanged == 40)
    #expect(observer.failed.isEmpty)
  }

  @Test func handlesNamesWithControlCharactersAndInvalidUTF8() throws {
    let tree = try TemporaryTree()
    let names: [[UInt8]] = [Array("new\nline".utf8), [0x66, 0xFF, 0x6F], Array("-rf".utf8), Array("#x".utf8)]
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    for name in names {
      let text = name.map { CChar(bitPattern: $0) } + [0]
      try app.descriptor.makeDirectory(text, mode: 0o755)
    }
    let (observer, _) = try walk(tree, "*\n")
    #expect(observer.selected.count == 4)
    #expect(observer.failed.isEmpty)
  }
}
