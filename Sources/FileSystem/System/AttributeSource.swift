import CSystemShims

#if canImport(Glibc)
  import Glibc
#endif

/// Where to read extended attributes from: an open entry, a name in an open directory, or the entry an `O_PATH`
/// handle holds.
public enum AttributeSource {
  /// The open entry itself (`flistxattr`, `fgetxattr`).
  case descriptor(FileDescriptor)
  /// `name` in `directory`, never following a symlink (`listxattrat`, `getxattrat`; Linux 6.13+).
  case name(UnsafePointer<CChar>, in: FileDescriptor)
  /// The entry an `O_PATH` handle holds, through `/proc/self/fd/N` (the `*xattr` calls refuse the handle
  /// itself; `ENOENT` without /proc).
  case handle(FileDescriptor)

  /// Which of the attributes that decide access (`GW_ACCESS_ACL`, `GW_DEFAULT_ACL`, `GW_CAPABILITIES`) the
  /// entry has, as bits: one call into C when its names fit 256 bytes (the common case: none, or a few; the
  /// walk makes it for every entry that is or becomes group-writable), else the names read into 64 KiB.
  public func decidingAttributes() throws(Errno) -> UInt32 {
    let bits =
      switch self {
      case .descriptor(let fd): gw_deciding_attributes_fd(fd.rawValue)
      case .name(let name, let directory): gw_deciding_attributes_at(directory.rawValue, name)
      case .handle(let handle): gw_deciding_attributes_proc(handle.rawValue)
      }
    if bits >= 0 { return UInt32(bits) }
    let error = Errno.current
    guard error.rawValue == ERANGE else { throw error }
    return try read({ list(into: $0, size: $1) }, { Self.decidingAttributes(in: $0) }, size: 65536)
  }

  /// Which deciding attributes the NUL-separated names in `list` hold, as `decidingAttributes()`'s bits.
  static func decidingAttributes(in list: UnsafeBufferPointer<UInt8>) -> UInt32 {
    list.withMemoryRebound(to: CChar.self) {
      UInt32(gw_deciding_attributes_in($0.baseAddress, $0.count))
    }
  }

  /// Lists the names into `buffer`: their length, or the error (`ERANGE` when they do not fit).
  private func list(into buffer: UnsafeMutablePointer<CChar>, size: Int) -> Result<Int, Errno> {
    retryingOnInterrupt { () -> Int in
      switch self {
      case .descriptor(let fd): gw_list_attributes_fd(fd.rawValue, buffer, size)
      case .name(let name, let directory):
        gw_list_attributes_at(directory.rawValue, name, buffer, size)
      case .handle(let handle): gw_list_attributes_proc(handle.rawValue, buffer, size)
      }
    }
  }

  /// Reads the value of `attribute` into `buffer`: its length, or the error (`ERANGE` when it does not fit).
  private func readValue(
    _ attribute: String, into buffer: UnsafeMutablePointer<CChar>, size: Int
  ) -> Result<Int, Errno> {
    retryingOnInterrupt { () -> Int in
      switch self {
      case .descriptor(let fd): gw_get_attribute_fd(fd.rawValue, attribute, buffer, size)
      case .name(let name, let directory):
        gw_get_attribute_at(directory.rawValue, name, attribute, buffer, size)
      case .handle(let handle): gw_get_attribute_proc(handle.rawValue, attribute, buffer, size)
      }
    }
  }

  /// The value of `attribute`, at most 64 KiB; nil when the entry has no such attribute (`ENODATA`).
  public func value(of attribute: String) throws(Errno) -> [UInt8]? {
    do {
      return try read({ readValue(attribute, into: $0, size: $1) }, { Array($0) })
    } catch  where error.rawValue == ENODATA {
      return nil
    }
  }

  /// Calls `call` with a buffer of `size` bytes (256: on the stack), and again with 64 KiB (the kernel's limit)
  /// when that was too small (`ERANGE`); `use` reads the bytes it filled.
  private func read<Value>(
    _ call: (UnsafeMutablePointer<CChar>, Int) -> Result<Int, Errno>,
    _ use: (UnsafeBufferPointer<UInt8>) -> Value, size: Int = 256
  ) throws(Errno) -> Value {
    var size = size  // then 65536; not a literal array, which would be allocated on every call
    while true {
      let result = withUnsafeTemporaryAllocation(of: CChar.self, capacity: size) {
        buffer -> Result<Value, Errno> in
        guard let base = buffer.baseAddress else { return .failure(Errno(rawValue: ENOMEM)) }
        return call(base, size).map { count in
          base.withMemoryRebound(to: UInt8.self, capacity: count) {
            use(UnsafeBufferPointer(start: $0, count: count))
          }
        }
      }
      switch result {
      case .success(let value): return value
      case .failure(let error) where error.rawValue == ERANGE && size < 65536: size = 65536
      case .failure(let error): throw error
      }
    }
  }
}
