import Foundation
import TestSupport
import Testing

@testable import Tracer

#if canImport(Glibc)
  import Glibc
#endif

/// How a traced call's path becomes the absolute path it names: `.`, `..` and empty components removed, the
/// directory part resolved through symbolic links, the last name kept as written.
@Suite struct PathResolverTests {
  static func text(_ bytes: [UInt8]?) -> String? {
    bytes.map { String(decoding: $0, as: UTF8.self) }
  }

  static func normalized(_ path: String) -> String {
    String(decoding: PathResolver.normalized(Array(path.utf8)), as: UTF8.self)
  }

  /// `realpath(3)` of an existing path.
  static func real(_ path: String) throws -> String {
    try #require(
      ExecutableLookupForTests.realPath(path).map { String(decoding: $0, as: UTF8.self) })
  }

  /// A directory name no test machine has, so that `realpath` leaves the directory part as it is.
  static let missing = "/group-writable-missing-7f3a"

  @Test(arguments: [
    ("/", "/"),
    ("/.", "/"),
    ("/..", "/"),
    ("/../..", "/"),
    ("/../x", "/x"),
    ("//", "/"),
    ("\(missing)", "\(missing)"),
    ("\(missing)/", "\(missing)"),
    ("\(missing)/a/", "\(missing)/a"),
    ("\(missing)//a///b", "\(missing)/a/b"),
    ("\(missing)/./a/./b/.", "\(missing)/a/b"),
    ("\(missing)/a/../b", "\(missing)/b"),
    ("\(missing)/a/b/../../c", "\(missing)/c"),
    ("\(missing)/a/..", "\(missing)"),
    ("\(missing)/../..\(missing)/y", "\(missing)/y"),
    ("/./\(missing)/.//x", "\(missing)/x"),
    ("\(missing)/a..b/...", "\(missing)/a..b/..."),
  ])
  func removesDotsAndEmptyComponents(path: String, expected: String) {
    #expect(Self.normalized(path) == expected, "\(path)")
  }

  @Test func resolvesSymbolicLinksInTheDirectoryPartOnly() throws {
    let tree = try TemporaryTree()
    try tree.directory("real/sub")
    try tree.symlink("link", to: "real")
    try tree.symlink("real/sub/last", to: "../elsewhere")
    let root = try Self.real(tree.root)
    #expect(Self.normalized(tree.path("link/x")) == "\(root)/real/x")
    #expect(Self.normalized(tree.path("link/sub/x")) == "\(root)/real/sub/x")
    #expect(Self.normalized(tree.path("link/./sub//x/")) == "\(root)/real/sub/x")
    // The last name is kept as written, a link or not.
    #expect(Self.normalized(tree.path("link")) == "\(root)/link")
    #expect(Self.normalized(tree.path("link/sub/last")) == "\(root)/real/sub/last")
    // Below a missing directory, the names are kept as written; the existing part is resolved as the kernel would.
    #expect(Self.normalized(tree.path("link/missing/x")) == "\(root)/real/missing/x")
  }

  /// The kernel follows `link` before it takes `..`; removing `..` first names another directory when the link
  /// points elsewhere than a sibling (`current -> releases/42`, as Capistrano deploys).
  @Test func aDotDotAfterASymbolicLinkIsTakenAsTheKernelTakesIt() throws {
    let tree = try TemporaryTree()
    try tree.directory("releases/42")
    try tree.symlink("current", to: "releases/42")
    let root = try Self.real(tree.root)
    let kernel = try Self.real(tree.path("current/..")) + "/x"
    #expect(kernel == "\(root)/releases/x")
    #expect(Self.normalized(tree.path("current/../x")) == kernel)
  }

  @Test func anAbsolutePathIsOnlyNormalised() {
    let resolver = PathResolver(pid: getpid())
    for directory: Int32? in [nil, PathResolver.workingDirectory, 9_999] {
      #expect(
        Self.text(resolver.absolute(Array("\(Self.missing)/a/../b/./c".utf8), directory: directory))
          == "\(Self.missing)/b/c")
    }
  }

  @Test func aRelativePathIsReadFromTheWorkingDirectory() throws {
    let resolver = PathResolver(pid: getpid())
    let cwd = try Self.real(FileManager.default.currentDirectoryPath)
    let prefix = cwd == "/" ? "" : cwd
    for directory: Int32? in [nil, PathResolver.workingDirectory] {
      #expect(Self.text(resolver.absolute(Array("x".utf8), directory: directory)) == "\(prefix)/x")
      #expect(
        Self.text(
          resolver.absolute(Array("group-writable-missing/../y/./z".utf8), directory: directory))
          == "\(prefix)/y/z")
      #expect(Self.text(resolver.absolute([], directory: directory)) == cwd)
    }
  }

  @Test func aRelativePathIsReadFromTheDirectoryDescriptor() throws {
    let tree = try TemporaryTree()
    try tree.directory("d")
    let root = try Self.real(tree.root)
    let descriptor = open(tree.path("d"), O_RDONLY | O_DIRECTORY)
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    let resolver = PathResolver(pid: getpid())
    #expect(Self.text(resolver.absolute(Array("f".utf8), directory: descriptor)) == "\(root)/d/f")
    #expect(Self.text(resolver.absolute(Array("../g".utf8), directory: descriptor)) == "\(root)/g")
    // `AT_EMPTY_PATH`: the descriptor's own entry.
    #expect(Self.text(resolver.absolute([], directory: descriptor)) == "\(root)/d")
    #expect(Self.text(resolver.descriptor(descriptor)) == "\(root)/d")
  }

  /// `ftruncate`/`fchmod` of a file already unlinked (an `O_TMPFILE`, a temporary file removed while open) writes
  /// no entry of the app directory; `/proc/PID/fd/N` then reads `PATH (deleted)`, which is no path in it.
  @Test func aDescriptorOfAnUnlinkedFileNamesNoEntry() throws {
    let tree = try TemporaryTree()
    try tree.file("gone")
    let descriptor = open(tree.path("gone"), O_RDWR)
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    try #require(unlink(tree.path("gone")) == 0)
    let resolver = PathResolver(pid: getpid())
    #expect(Self.text(resolver.descriptor(descriptor)) == nil)
  }

  @Test func aDescriptorThatIsNotOpenNamesNothing() {
    let resolver = PathResolver(pid: getpid())
    #expect(resolver.absolute(Array("f".utf8), directory: 9_999) == nil)
    #expect(resolver.descriptor(9_999) == nil)
  }

  /// A pipe's descriptor links to `pipe:[N]`, which is no path.
  @Test func aDescriptorThatIsNoFileNamesNothing() throws {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    defer {
      close(fds[0])
      close(fds[1])
    }
    let resolver = PathResolver(pid: getpid())
    #expect(resolver.descriptor(fds[0]) == nil)
    #expect(resolver.absolute(Array("f".utf8), directory: fds[0]) == nil)
  }

  @Test func aProcessThatIsGoneNamesNothing() {
    // pid_max is at most 2^22 on Linux.
    let resolver = PathResolver(pid: 1 << 23)
    #expect(resolver.absolute(Array("f".utf8), directory: nil) == nil)
    #expect(resolver.descriptor(0) == nil)
  }
}
