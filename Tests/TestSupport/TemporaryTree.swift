import Foundation

/// A scratch directory tree for tests, removed when the test is done.
public final class TemporaryTree {
  /// The tree's absolute path.
  public let root: String

  /// Creates an empty directory under the temporary directory.
  public init() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent(
      "group-writable-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    root = base.path
    chmod(root, 0o755)
  }

  deinit {
    // Make everything removable first (tests create unreadable directories); never through a symbolic link,
    // which chmod would follow out of the tree (to /dev/null, say).
    for subpath in (try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? [] {
      var status = stat()
      let path = "\(root)/\(subpath)"
      if lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFLNK { chmod(path, 0o755) }
    }
    try? FileManager.default.removeItem(atPath: root)
  }

  /// The absolute path of `relative`.
  public func path(_ relative: String) -> String { relative.isEmpty ? root : "\(root)/\(relative)" }

  /// Creates a directory (and parents) with `mode`.
  public func directory(_ relative: String, mode: mode_t = 0o755) throws {
    try FileManager.default.createDirectory(
      atPath: path(relative), withIntermediateDirectories: true)
    chmod(path(relative), mode)
  }

  /// Creates a file with `mode`.
  public func file(_ relative: String, mode: mode_t = 0o644, contents: String = "") throws {
    let url = URL(fileURLWithPath: path(relative))
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(contents.utf8).write(to: url)
    chmod(path(relative), mode)
  }

  /// Creates a symlink at `relative` pointing to `target`.
  public func symlink(_ relative: String, to target: String) throws {
    try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: target)
  }

  /// Every entry's permission bits by relative path, the root's under `""` (symlinks not followed).
  public func modes() -> [String: mode_t] {
    var modes: [String: mode_t] = ["": mode("")]
    func visit(_ relative: String) {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path(relative))) ?? []
      for name in names {
        let child = relative.isEmpty ? name : "\(relative)/\(name)"
        var status = stat()
        guard lstat(path(child), &status) == 0 else { continue }
        modes[child] = status.st_mode & 0o7777
        if status.st_mode & S_IFMT == S_IFDIR { visit(child) }
      }
    }
    visit("")
    return modes
  }

  /// Sets the permission bits recorded by `modes()` again (symlinks are left alone).
  public func restore(_ modes: [String: mode_t]) {
    for (relative, mode) in modes {
      var status = stat()
      guard lstat(path(relative), &status) == 0, status.st_mode & S_IFMT != S_IFLNK else {
        continue
      }
      chmod(path(relative), mode)
    }
  }

  /// The permission bits of `relative` (not following a symlink).
  public func mode(_ relative: String) -> mode_t {
    var status = stat()
    lstat(path(relative), &status)
    return status.st_mode & 0o7777
  }
}

extension TemporaryTree {
  /// A small Rails-shaped app: `app/models/user.rb`, `tmp/cache/a` (600), `tmp/pids/` (700),
  /// `log/production.log`, `db/production.sqlite3` (empty), `bin/rails` (755).
  public static func railsShaped() throws -> TemporaryTree {
    let tree = try TemporaryTree()
    try tree.file("app/models/user.rb")
    try tree.file("tmp/cache/a", mode: 0o600)
    try tree.directory("tmp/pids", mode: 0o700)
    try tree.file("log/production.log")
    try tree.file("db/production.sqlite3")
    try tree.file("bin/rails", mode: 0o755)
    return tree
  }
}
