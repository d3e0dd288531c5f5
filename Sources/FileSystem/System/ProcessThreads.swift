#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The threads of the calling process, as the kernel counts them.
public enum ProcessThreads {
  /// The number of threads in this process (`num_threads` of `/proc/self/stat`), or nil when it cannot be read.
  ///
  /// Under qemu-user the count is qemu's (the guest's threads plus qemu's own), so callers use it as a check in
  /// debug builds only, never to decide anything in a shipped binary.
  public static func count() -> Int? {
    guard let bytes = try? FileContents.read(path: "/proc/self/stat", limit: 4096) else {
      return nil
    }
    return numberOfThreads(inStat: bytes)
  }

  /// Field 20 (`num_threads`) of a `/proc/PID/stat` line: counted after the last `)`, since the command name
  /// before it may hold spaces and parentheses.
  static func numberOfThreads(inStat bytes: [UInt8]) -> Int? {
    guard let close = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
    let fields = bytes[(close + 1)...].split(separator: UInt8(ascii: " "))
    // After the name come field 3 (state) onwards: num_threads is the 18th of them.
    guard fields.count >= 18 else { return nil }
    var value = 0
    for byte in fields[17] {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
      guard value < 1 << 30 else { return nil }
    }
    return value
  }
}
