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

  /// Which of `wanted` the entry's attribute names hold, as bits (bit `i` for `wanted[i]`), from one listing;
  /// a listing of up to 256 bytes (the common one: none, or a few names) is read without allocating.
  public func presence(of wanted: [[UInt8]]) throws(Errno) -> UInt32 {
    // A closure, not `read(list)`: a partially applied method allocates its context on every call.
    try read({ list(into: $0, size: $1) }, { Self.presence(of: wanted, in: $0) })
  }

  /// Which of `wanted` the NUL-separated names in `list` hold, as bits (bit `i` for `wanted[i]`).
  static func presence(of wanted: [[UInt8]], in list: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var bits: UInt32 = 0
    var start = 0
    while start < list.count {
      var end = start
      while end < list.count && list[end] != 0 { end += 1 }
      let name = UnsafeBufferPointer(rebasing: list[start..<end])
      for (index, candidate) in wanted.enumerated()
      where candidate.count == name.count && candidate.elementsEqual(name) {
        bits |= 1 << UInt32(index)
      }
      start = end + 1
    }
    return bits
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

  /// Calls `call` with a 256-byte buffer on the stack, and again with 64 KiB (the kernel's limit) when that was
  /// too small (`ERANGE`); `use` reads the bytes it filled.
  private func read<Value>(
    _ call: (UnsafeMutablePointer<CChar>, Int) -> Result<Int, Errno>,
    _ use: (UnsafeBufferPointer<UInt8>) -> Value
  ) throws(Errno) -> Value {
    var size = 256  // then 65536; not a literal array, which would be allocated on every call
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
