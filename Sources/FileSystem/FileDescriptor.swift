#if canImport(Glibc)
import Glibc
#endif
import CSystemShims
import Synchronization

/// An open file descriptor; every `*at` call takes a name relative to it, never a path to re-resolve.
public struct FileDescriptor: Hashable, Sendable {
  /// The raw descriptor.
  public let rawValue: CInt

  /// Wraps a raw descriptor.
  public init(rawValue: CInt) { self.rawValue = rawValue }

  /// `AT_FDCWD`: names are resolved against the working directory.
  public static let currentWorkingDirectory = FileDescriptor(rawValue: AT_FDCWD)

  /// `openat(self, name, O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC)`: opens a directory, never through a symlink.
  public func openDirectory(_ name: UnsafePointer<CChar>) throws(Errno) -> FileDescriptor {
    let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK
    return FileDescriptor(rawValue: try retryingOnInterrupt { openat(rawValue, name, flags) }.get())
  }

  /// `openat(self, name, O_PATH|O_NOFOLLOW|O_CLOEXEC)`: a handle on the entry itself, opening nothing.
  public func openPathHandle(_ name: UnsafePointer<CChar>) throws(Errno) -> FileDescriptor {
    FileDescriptor(rawValue: try retryingOnInterrupt { gw_open_path_handle(rawValue, name) }.get())
  }

  /// `openat(self, name, O_RDONLY|O_NOFOLLOW|O_NONBLOCK|O_CLOEXEC)`: opens a file for reading, never a symlink.
  public func openForReading(_ name: UnsafePointer<CChar>) throws(Errno) -> FileDescriptor {
    let flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC
    return FileDescriptor(rawValue: try retryingOnInterrupt { openat(rawValue, name, flags) }.get())
  }

  /// `close(self)`; errors are ignored (the descriptor is gone either way on Linux).
  public func close() {
    _ = Glibc.close(rawValue)
  }

  /// `fstat(self)`.
  public func status() throws(Errno) -> FileStatus {
    var raw = stat()
    _ = try retryingOnInterrupt { fstat(rawValue, &raw) }.get()
    return FileStatus(raw)
  }

  /// `fstatat(self, name, AT_SYMLINK_NOFOLLOW)`: the entry itself, never a symlink's target.
  public func status(of name: UnsafePointer<CChar>) throws(Errno) -> FileStatus {
    var raw = stat()
    _ = try retryingOnInterrupt { fstatat(rawValue, name, &raw, AT_SYMLINK_NOFOLLOW) }.get()
    return FileStatus(raw)
  }

  /// `fchmod(self, mode)`: changes the open entry's permission bits.
  public func changeMode(to mode: mode_t) throws(Errno) {
    _ = try retryingOnInterrupt { fchmod(rawValue, mode) }.get()
  }

  /// Changes the permission bits of `name` without following a symlink, even one swapped in after a `stat`.
  ///
  /// Uses `fchmodat2(AT_SYMLINK_NOFOLLOW)`; on kernels without it, opens an `O_PATH` handle, checks that it is the
  /// inode `expected` describes, and changes it through `/proc/self/fd`.
  public func changeMode(of name: UnsafePointer<CChar>, to mode: mode_t, expected: FileStatus)
    throws(Errno)
  {
    if FileDescriptor.kernelHasFchmodat2.load(ordering: .relaxed) {
      let result = retryingOnInterrupt { gw_fchmodat2(rawValue, name, mode, AT_SYMLINK_NOFOLLOW) }
      switch result {
      case .success: return
      case .failure(let error) where error.rawValue == ENOSYS:
        FileDescriptor.kernelHasFchmodat2.store(false, ordering: .relaxed)
      case .failure(let error):
        throw error
      }
    }
    let handle = try openPathHandle(name)
    defer { handle.close() }
    let current = try handle.status()
    guard current.inode == expected.inode, current.device == expected.device,
      current.kind == expected.kind, current.kind != .symbolicLink
    else { throw Errno.changedDuringWalk }
    var procPath = Array("/proc/self/fd/\(handle.rawValue)".utf8CString)
    _ = try procPath.withUnsafeMutableBufferPointer { buffer throws(Errno) in
      guard let base = buffer.baseAddress else { throw Errno.changedDuringWalk }
      return try retryingOnInterrupt { chmod(base, mode) }.get()
    }
  }

  /// `mkdirat(self, name, mode)`.
  public func makeDirectory(_ name: UnsafePointer<CChar>, mode: mode_t) throws(Errno) {
    _ = try retryingOnInterrupt { mkdirat(rawValue, name, mode) }.get()
  }

  /// `getdents64(self)`: fills `buffer` with `linux_dirent64` records; 0 at the end of the directory.
  public func readDirectoryEntries(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
    try retryingOnInterrupt { gw_getdents64(rawValue, buffer.baseAddress, buffer.count) }.get()
  }

  /// `lseek(self, 0, SEEK_SET)`: reads start again from the beginning (of a file or a directory's entries).
  public func rewind() throws(Errno) {
    _ = try retryingOnInterrupt { lseek(rawValue, 0, SEEK_SET) }.get()
  }

  /// `read(self)` until `limit + 1` bytes or the end of the file.
  public func readAll(limit: Int) throws(Errno) -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while bytes.count <= limit {
      let result = chunk.withUnsafeMutableBytes { raw in
        retryingOnInterrupt { read(rawValue, raw.baseAddress, raw.count) }
      }
      let count = try result.get()
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
  }

  /// Whether `fchmodat2` is worth trying: cleared at the first `ENOSYS` (walker threads share it).
  static let kernelHasFchmodat2 = Atomic<Bool>(true)
}

extension Errno {
  /// `ESTALE`, used for an entry that was replaced between its `stat` and its change.
  public static let changedDuringWalk = Errno(rawValue: ESTALE)
}
