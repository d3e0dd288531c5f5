import FileSystem
import Foundation
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

  @Test func createsDirectoriesLikeMkdirP() throws {
    let tree = try TemporaryTree()
    try tree.directory("tmp")
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    #expect(try app.createDirectories("tmp/pids/x") == ["tmp/pids", "tmp/pids/x"])
    #expect(try app.createDirectories("tmp/pids/x") == [])
    var isDirectory: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: tree.path("tmp/pids/x"), isDirectory: &isDirectory))
    #expect(isDirectory.boolValue)
  }

  @Test(arguments: [
    ("/abs", DirectoryCreationError.outsideAppDirectory(path: "/abs")),
    ("a/../b", DirectoryCreationError.outsideAppDirectory(path: "a/../b")),
    ("link/x", DirectoryCreationError.symbolicLink(path: "link/x", component: "link")),
    ("file/x", DirectoryCreationError.notDirectory(path: "file/x", component: "file")),
  ])
  func refusesToCreate(path: String, expected: DirectoryCreationError) throws {
    let tree = try TemporaryTree()
    try tree.directory("outside-target")
    try tree.symlink("link", to: "outside-target")
    try tree.file("file")
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    #expect(throws: expected) { try app.createDirectories(path) }
    #expect(!FileManager.default.fileExists(atPath: tree.path("outside-target/x")))
  }
}
