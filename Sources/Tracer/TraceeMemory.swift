import CTracerShims

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a stopped tracee's memory with `process_vm_readv`, page by page so that a string ending just before an
/// unmapped page is still read.
struct TraceeMemory {
  /// The longest path read (`PATH_MAX`); a longer one is refused by the kernel anyway.
  static let pathLimit = 4096
  private static let page = 4096

  /// The tracee.
  let pid: pid_t

  /// The NUL-terminated bytes at `address` (without the NUL), or nil when they cannot be read or run past `limit`.
  func string(at address: UInt, limit: Int = TraceeMemory.pathLimit) -> [UInt8]? {
    guard address != 0 else { return nil }
    var result: [UInt8] = []
    var next = address
    while result.count < limit {
      let room = Self.page - Int(next % UInt(Self.page))
      guard let chunk = bytes(at: next, count: min(room, limit - result.count)), !chunk.isEmpty
      else { return nil }
      if let end = chunk.firstIndex(of: 0) {
        result += chunk[..<end]
        return result
      }
      result += chunk
      next += UInt(chunk.count)
    }
    return nil
  }

  /// Up to `count` bytes at `address`, or nil when none can be read.
  func bytes(at address: UInt, count: Int) -> [UInt8]? {
    guard address != 0, count > 0 else { return nil }
    var buffer = [UInt8](repeating: 0, count: count)
    let read = buffer.withUnsafeMutableBytes { raw in
      gw_read_process_memory(pid, UInt(address), raw.baseAddress, count)
    }
    guard read > 0 else { return nil }
    return Array(buffer.prefix(read))
  }
}
