import Foundation
import TestSupport
import Testing

/// `check` answers as `git check-ignore` does: paths normalised the same way, the root never selected, and a
/// path outside the app directory refused.
extension CommandLineTests {
  func checkTree() throws -> TemporaryTree {
    let tree = try TemporaryTree()
    try tree.file("tmp/x")
    try tree.file("log/a.log")
    try tree.file("src/main.rb")
    return tree
  }

  @Test(arguments: ["/etc/passwd", "../../etc/passwd", "tmp/../../x", "/"])
  func refusesAPathOutsideTheApp(path: String) throws {
    let tree = try checkTree()
    let result = try run(["check", "-p", "*", "--app", tree.root, "--", path])
    #expect(result.status == 1)
    #expect(result.text == "")
    #expect(
      result.errors.hasPrefix(
        "! `\(path)` is outside the app directory\n!\n! `check` answers for paths in the app directory "
          + "`\(tree.root)` only, as `git check-ignore` does for its work tree: no pattern can select anything "
          + "outside it.\n"))
  }

  @Test func neverSelectsTheAppDirectoryItself() throws {
    let tree = try checkTree()
    let result = try run(["check", "-p", "*", "--app", tree.root, "--", ".", "./", tree.root])
    #expect(result.status == 1)
    #expect(result.text == "::\t.\n::\t./\n::\t\(tree.root)\n")
  }

  /// The same spellings asked of git (`.git/info/exclude` holding the pattern) and of `check`.
  @Test(arguments: [
    "tmp/../tmp/x", "./tmp/x", "tmp//x", "tmp/./x", "src/../tmp", "src/../log/a.log", "log/a.log",
    "tmp", "src",
  ])
  func decidesLikeGitCheckIgnore(path: String) throws {
    let tree = try checkTree()
    let git = try gitSelects(path, pattern: "/tmp/", in: tree)
    let result = try run(["check", "-p", "/tmp/", "--app", tree.root, "--", path])
    #expect(result.errors == "")
    #expect((result.status == 0) == git, "git check-ignore says \(git ? "ignored" : "not ignored")")
    let absolute = try run(["check", "-p", "/tmp/", "--app", tree.root, "--", tree.path(path)])
    #expect((absolute.status == 0) == git)
  }

  /// Whether `git check-ignore` ignores `path` in `tree` made a repository excluding `pattern`.
  func gitSelects(_ path: String, pattern: String, in tree: TemporaryTree) throws -> Bool {
    let initialize = try run(
      [
        "-c", "git init -q \"$0\" && printf '%s\\n' \"$1\" > \"$0/.git/info/exclude\"", tree.root,
        pattern,
      ],
      launching: URL(fileURLWithPath: "/bin/sh"))
    #expect(initialize.status == 0, "\(initialize.errors)")
    let check = try run(
      ["-C", tree.root, "check-ignore", "-q", "--", path],
      environment: ["HOME": tree.root, "GIT_CONFIG_NOSYSTEM": "1"],
      launching: URL(fileURLWithPath: "/usr/bin/git"))
    #expect(check.status == 0 || check.status == 1, "\(check.errors)")
    return check.status == 0
  }
}
