#if canImport(Glibc)
  import Glibc
#endif

/// Finds a command as `execvp` would, before the fork, so that a missing command is an error, not a child's exit.
enum ExecutableLookup {
  /// `name` itself when it has a `/`, else the first executable regular file named `name` in `path`'s
  /// directories (`/usr/local/bin:/usr/bin:/bin` when unset); nil when there is none.
  static func find(_ name: String, path: String?) -> String? {
    guard !name.isEmpty else { return nil }
    if name.utf8.contains(UInt8(ascii: "/")) { return isExecutable(name) ? name : nil }
    for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(
      separator: ":", omittingEmptySubsequences: false)
    {
      let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + name
      if isExecutable(candidate) { return candidate }
    }
    return nil
  }

  /// The absolute path of `path` with every symbolic link resolved, as bytes; nil when it cannot be resolved.
  static func realPath(_ path: String) -> [UInt8]? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return Array(
      UnsafeBufferPointer(
        start: UnsafeRawPointer(resolved).assumingMemoryBound(to: UInt8.self),
        count: strlen(resolved)))
  }

  private static func isExecutable(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG && access(path, X_OK) == 0
  }
}
