import CSystemShims

#if canImport(Glibc)
  import Glibc
#endif

extension FileDescriptor {
  /// `symlinkat(target, self, name)`.
  public func makeSymbolicLink(_ name: UnsafePointer<CChar>, to target: String) throws(Errno) {
    _ = try retryingOnInterrupt { symlinkat(target, rawValue, name) }.get()
  }

  /// `symlinkat(target, self, name)` with a target of any bytes (a link copied as it is).
  public func makeSymbolicLink(_ name: UnsafePointer<CChar>, toBytes target: [UInt8]) throws(Errno)
  {
    try AppDirectory.withName(target) { target throws(Errno) in
      _ = try retryingOnInterrupt { symlinkat(target, rawValue, name) }.get()
    }
  }

  /// `readlinkat(self, name)`: the target of the symlink `name` (at most `PATH_MAX` bytes).
  public func symbolicLinkTarget(_ name: UnsafePointer<CChar>) throws(Errno) -> [UInt8] {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let capacity = buffer.count
    let count = try retryingOnInterrupt { readlinkat(rawValue, name, &buffer, capacity) }.get()
    guard count < capacity else { throw Errno.nameTooLong }
    return buffer.prefix(count).map { UInt8(bitPattern: $0) }
  }

  /// `renameat2(self, name, directory, newName, RENAME_NOREPLACE)`: moves an entry, never over another.
  public func move(
    _ name: UnsafePointer<CChar>, to directory: FileDescriptor, as newName: UnsafePointer<CChar>
  )
    throws(Errno)
  {
    _ = try retryingOnInterrupt { gw_rename_noreplace(rawValue, name, directory.rawValue, newName) }
      .get()
  }

  /// `unlinkat(self, name, AT_REMOVEDIR)`: removes an empty directory.
  public func removeDirectory(_ name: UnsafePointer<CChar>) throws(Errno) {
    _ = try retryingOnInterrupt { unlinkat(rawValue, name, AT_REMOVEDIR) }.get()
  }

  /// `fstatvfs(self)`: whether the file system holding this directory is mounted read-only.
  public func isOnReadOnlyFileSystem() throws(Errno) -> Bool {
    var info = statvfs()
    _ = try retryingOnInterrupt { fstatvfs(rawValue, &info) }.get()
    return info.f_flag & UInt(ST_RDONLY) != 0
  }
}
