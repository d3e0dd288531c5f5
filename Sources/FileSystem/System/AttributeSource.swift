import CSystemShims

#if canImport(Glibc)
  import Glibc
#endif

/// Where to read extended attributes from: an open entry, a name in an open directory, or a `/proc` path.
public enum AttributeSource {
  /// The open entry itself (`flistxattr`, `fgetxattr`).
  case descriptor(FileDescriptor)
  /// `name` in `directory`, never following a symlink (`listxattrat`, `getxattrat`; Linux 6.13+).
  case name(UnsafePointer<CChar>, in: FileDescriptor)
  /// A path whose last component is followed (`/proc/self/fd/N` of an `O_PATH` handle names its inode).
  case path(String)

  /// The attribute names, NUL-separated, at most 64 KiB (the kernel's own limit).
  public func names() throws(Errno) -> [UInt8] {
    try fetch { buffer, size throws(Errno) in
      try retryingOnInterrupt { () -> Int in
        switch self {
        case .descriptor(let fd): gw_list_attributes_fd(fd.rawValue, buffer, size)
        case .name(let name, let directory):
          gw_list_attributes_at(directory.rawValue, name, buffer, size)
        case .path(let path): gw_list_attributes_path(path, buffer, size)
        }
      }.get()
    }
  }

  /// The value of `attribute`, at most 64 KiB; nil when the entry has no such attribute (`ENODATA`).
  public func value(of attribute: String) throws(Errno) -> [UInt8]? {
    do {
      return try fetch { buffer, size throws(Errno) in
        try retryingOnInterrupt { () -> Int in
          switch self {
          case .descriptor(let fd): gw_get_attribute_fd(fd.rawValue, attribute, buffer, size)
          case .name(let name, let directory):
            gw_get_attribute_at(directory.rawValue, name, attribute, buffer, size)
          case .path(let path): gw_get_attribute_path(path, attribute, buffer, size)
          }
        }.get()
      }
    } catch  where error.rawValue == ENODATA {
      return nil
    }
  }

  /// Calls `read` with a 4 KiB buffer, and again with 64 KiB when that was too small (`ERANGE`).
  private func fetch(
    _ read: (UnsafeMutablePointer<CChar>, Int) throws(Errno) -> Int
  ) throws(Errno) -> [UInt8] {
    for size in [4096, 65536] {
      let result = withUnsafeTemporaryAllocation(of: CChar.self, capacity: size) { buffer in
        Result { () throws(Errno) -> [UInt8] in
          guard let base = buffer.baseAddress else { throw Errno(rawValue: ENOMEM) }
          let count = try read(base, size)
          return UnsafeRawBufferPointer(start: base, count: count).map { $0 }
        }
      }
      switch result {
      case .success(let bytes): return bytes
      case .failure(let error) where error.rawValue == ERANGE && size < 65536: continue
      case .failure(let error): throw error
      }
    }
    throw Errno(rawValue: ERANGE)
  }
}
