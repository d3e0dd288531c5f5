import CSystemShims

#if canImport(Glibc)
  import Glibc
#endif

/// An open file descriptor; every `*at` call takes a name relative to it, never a path to re-resolve.
public struct FileDescriptor: Hashable, Sendable {
  /// The raw descriptor.
  public let rawValue: CInt

  /// Wraps a raw descriptor.
  public init(rawValue: CInt) { self.rawValue = rawValue }

  /// `AT_FDCWD`: names are resolved against the working directory.
  public static let currentWorkingDirectory = FileDescriptor(rawValue: AT_FDCWD)

  /// No descriptor (`-1`): what the walk passes as the parent of a directory it holds no parent of.
  public static let none = FileDescriptor(rawValue: -1)

  /// `openat(self, name, O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC)`: opens a directory, never through a symlink.
  public func openDirectory(_ name: UnsafePointer<CChar>) throws(Errno) -> FileDescriptor {
    let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK
    return FileDescriptor(rawValue: try retryingOnInterrupt { openat(rawValue, name, flags) }.get())
  }

  /// `openat(self, name, O_PATH|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC)`: a handle on a directory to look up names
  /// in (search permission is enough: it need not be readable), never through a symlink.
  public func openDirectoryHandle(_ name: UnsafePointer<CChar>) throws(Errno) -> FileDescriptor {
    FileDescriptor(
      rawValue: try retryingOnInterrupt { gw_open_directory_handle(rawValue, name) }.get())
  }

  /// `openat(self, "..")`: this directory's parent, as it is now (the caller checks it is the one it expects).
  public func openParentDirectory() throws(Errno) -> FileDescriptor {
    try openDirectory("..")
  }

  /// `openat(self, name, O_PATH|O_NOFOLLOW|O_CLOEXEC)`: a handle on the entry itself, opening nothing.
  public func openPathHandle(_ name: UnsafePointer<CChar>) throws(Errno) -> FileDescriptor {
    FileDescriptor(rawValue: try retryingOnInterrupt { gw_open_path_handle(rawValue, name) }.get())
  }

  /// `openat(self, name, O_RDONLY|O_NOFOLLOW|O_NONBLOCK|O_NOCTTY|O_CLOEXEC)`: opens a file for reading, never a
  /// symlink, and never blocks on a FIFO.
  public func openForReading(_ name: UnsafePointer<CChar>) throws(Errno) -> FileDescriptor {
    let flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC
    return FileDescriptor(rawValue: try retryingOnInterrupt { openat(rawValue, name, flags) }.get())
  }

  /// `close(self)`; errors are ignored (the descriptor is gone either way on Linux).
  public func close() {
    _ = Glibc.close(rawValue)
  }

  /// `statx(self, "", AT_EMPTY_PATH)`: the open entry's status (like `fstat`, and whether it is a mount's root).
  public func status() throws(Errno) -> FileStatus {
    var raw = gw_file_status()
    _ = try retryingOnInterrupt { gw_status(rawValue, &raw) }.get()
    return FileStatus(raw)
  }

  /// `statx(self, name, AT_SYMLINK_NOFOLLOW)`: the entry itself, never a symlink's target.
  public func status(of name: UnsafePointer<CChar>) throws(Errno) -> FileStatus {
    var raw = gw_file_status()
    _ = try retryingOnInterrupt { gw_status_at(rawValue, name, AT_SYMLINK_NOFOLLOW, &raw) }.get()
    return FileStatus(raw)
  }

  /// `getdents64(self)`: fills `buffer` with `linux_dirent64` records; 0 at the end of the directory.
  public func readDirectoryEntries(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int
  {
    try retryingOnInterrupt { gw_getdents64(rawValue, buffer.baseAddress, buffer.count) }.get()
  }

  /// `lseek(self, offset, SEEK_SET)`: reads go on from `offset` (a byte, or a directory position `getdents64`
  /// reported).
  public func seek(to offset: Int64) throws(Errno) {
    _ = try retryingOnInterrupt { lseek(rawValue, off_t(offset), SEEK_SET) }.get()
  }

  /// `lseek(self, 0, SEEK_SET)`: reads start again from the beginning (of a file or a directory's entries).
  public func rewind() throws(Errno) {
    try seek(to: 0)
  }

  /// `read(self)` into `buffer` until it is full or the file ends; the number of bytes read.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
    var filled = 0
    while filled < buffer.count {
      let count = try retryingOnInterrupt {
        Glibc.read(rawValue, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
      }.get()
      if count == 0 { break }
      filled += count
    }
    return filled
  }

  /// `read(self)` until `limit + 1` bytes or the end of the file.
  public func readAll(limit: Int) throws(Errno) -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while bytes.count <= limit {
      let result = chunk.withUnsafeMutableBytes { raw in
        Result { () throws(Errno) in try read(into: raw) }
      }
      let count = try result.get()
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
      if count < chunk.count { break }
    }
    return bytes
  }

  /// `write(self)` of all of `bytes`.
  public func write(_ bytes: UnsafeRawBufferPointer) throws(Errno) {
    var written = 0
    while written < bytes.count {
      written += try retryingOnInterrupt {
        Glibc.write(rawValue, bytes.baseAddress.map { $0 + written }, bytes.count - written)
      }.get()
    }
  }
}
