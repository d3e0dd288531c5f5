import FileSystem
import Foundation
import Patterns
import TestSupport
import Testing

@Suite struct AppDirectoryTests {
  @Test func readsAFileInside() throws {
    let tree = try TemporaryTree()
    try tree.file("config/patterns", contents: "tmp/\n")
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    #expect(try app.readFile("config/patterns", limit: 100) == Array("tmp/\n".utf8))
    #expect(try app.readFile("./config//patterns", limit: 100) == Array("tmp/\n".utf8))
  }

  @Test(arguments: [
    ("/etc/passwd", AppFileError.outsideAppDirectory(path: "/etc/passwd")),
    ("../x", AppFileError.outsideAppDirectory(path: "../x")),
    ("a/../../x", AppFileError.outsideAppDirectory(path: "a/../../x")),
    ("", AppFileError.outsideAppDirectory(path: "")),
    ("missing", AppFileError.notFound(path: "missing")),
    ("dir", AppFileError.notRegularFile(path: "dir")),
    ("link", AppFileError.symbolicLink(path: "link", component: "link")),
    ("linkdir/file", AppFileError.symbolicLink(path: "linkdir/file", component: "linkdir")),
    ("big", AppFileError.tooLarge(path: "big", limit: 10)),
  ])
  func refuses(path: String, expected: AppFileError) throws {
    let tree = try TemporaryTree()
    try tree.directory("dir")
    try tree.file("dir/file", contents: "x")
    try tree.file("big", contents: String(repeating: "x", count: 11))
    try tree.symlink("link", to: "dir/file")
    try tree.symlink("linkdir", to: "dir")
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    #expect(throws: expected) { try app.readFile(path, limit: 10) }
  }

  func path(_ text: String) -> RelativePath {
    (try? RelativePath(text)) ?? .appDirectory
  }

  @Test func createsDirectoriesLikeMkdirP() throws {
    let tree = try TemporaryTree()
    try tree.directory("tmp")
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    #expect(try app.createDirectories(path("tmp/pids/x"), mode: 0o755) == path("tmp/pids"))
    #expect(try app.createDirectories(path("tmp/pids/x"), mode: 0o755) == nil)
    var isDirectory: ObjCBool = false
    #expect(
      FileManager.default.fileExists(atPath: tree.path("tmp/pids/x"), isDirectory: &isDirectory))
    #expect(isDirectory.boolValue)
  }

  @Test func leavesExistingDirectoriesAsTheyAre() throws {
    let tree = try TemporaryTree()
    try tree.directory("tmp", mode: 0o700)
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    _ = try app.createDirectories(path("tmp/pids"), mode: 0o755)
    #expect(tree.mode("tmp") == 0o700)
  }

  @Test(arguments: [
    (
      "link/x",
      DirectoryCreationError.symbolicLink(
        path: fixturePath("link/x"), component: fixturePath("link"))
    ),
    (
      "file/x",
      DirectoryCreationError.notDirectory(
        path: fixturePath("file/x"), component: fixturePath("file"))
    ),
  ])
  func refusesToCreate(text: String, expected: DirectoryCreationError) throws {
    let tree = try TemporaryTree()
    try tree.directory("outside-target")
    try tree.symlink("link", to: "outside-target")
    try tree.file("file")
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    #expect(throws: expected) { try app.createDirectories(path(text), mode: 0o755) }
    #expect(!FileManager.default.fileExists(atPath: tree.path("outside-target/x")))
  }

  @Test func readsStatusesWithoutFollowingSymlinks() throws {
    let tree = try TemporaryTree()
    try tree.file("dir/file")
    try tree.symlink("link", to: "dir")
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    #expect(app.status(of: path("dir/file"))?.kind == .regular)
    #expect(app.status(of: path("link"))?.kind == .symbolicLink)
    #expect(app.status(of: path("link/file")) == nil)
  }
}

/// A relative path from a literal the test knows is valid.
private func fixturePath(_ text: String) -> RelativePath {
  (try? RelativePath(text)) ?? .appDirectory
}
