#if canImport(Glibc)
  import Glibc
#endif

extension FileDescriptor {
  /// Opens the directory `name` in this directory, making it (with `mode`) when missing; never through a symlink.
  public func openOrMakeDirectory(_ name: UnsafePointer<CChar>, mode: mode_t) throws(Errno)
    -> FileDescriptor
  {
    do {
      try makeDirectory(name, mode: mode)
    } catch  where error == .fileExists {}
    return try openDirectory(name)
  }

  /// Replaces `name` in this directory with a new regular file holding `bytes`, atomically: a temporary file is
  /// written (`O_CREAT|O_EXCL|O_NOFOLLOW`, then `mode` set through its descriptor) and renamed over the name.
  ///
  /// Whatever `name` was (a symlink, a FIFO, a file) is replaced, never followed or opened; a directory there
  /// is an error (`EISDIR`, `ENOTEMPTY` or `EEXIST`).
  public func replaceFile(
    _ name: String, with bytes: UnsafeRawBufferPointer, mode: mode_t
  ) throws(Errno) {
    let temporary = ".\(name).\(getpid()).tmp"
    let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
    _ = unlinkat(rawValue, temporary, 0)
    let file = FileDescriptor(
      rawValue: try retryingOnInterrupt { openat(rawValue, temporary, flags, mode_t(0o600)) }.get())
    do {
      defer { file.close() }
      try file.write(bytes)
      try file.changeMode(to: mode)
    } catch {
      _ = unlinkat(rawValue, temporary, 0)
      throw error
    }
    do {
      _ = try retryingOnInterrupt { renameat(rawValue, temporary, rawValue, name) }.get()
    } catch {
      _ = unlinkat(rawValue, temporary, 0)
      throw error
    }
  }

  /// Replaces `name` in this directory with a symbolic link to `target`, atomically: a link made under a temporary
  /// name is renamed over it. Whatever `name` was is replaced, never followed; a directory there is an error.
  public func replaceSymbolicLink(_ name: String, to target: String) throws(Errno) {
    let temporary = ".\(name).\(getpid()).tmp"
    _ = unlinkat(rawValue, temporary, 0)
    try makeSymbolicLink(temporary, to: target)
    do {
      _ = try retryingOnInterrupt { renameat(rawValue, temporary, rawValue, name) }.get()
    } catch {
      _ = unlinkat(rawValue, temporary, 0)
      throw error
    }
  }

  /// Reads the regular file `name` in this directory, at most `limit` bytes; refuses a symlink (`ELOOP`), anything
  /// but a regular file (`EINVAL`, without blocking on a FIFO) and a larger file (`EFBIG`).
  public func readRegularFile(_ name: UnsafePointer<CChar>, limit: Int) throws(Errno) -> [UInt8] {
    let file = try openForReading(name)
    defer { file.close() }
    guard try file.status().kind == .regular else { throw Errno.invalidArgument }
    let bytes = try file.readAll(limit: limit)
    guard bytes.count <= limit else { throw Errno.fileTooLarge }
    return bytes
  }
}
