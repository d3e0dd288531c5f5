#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Stops a fuzz target on a finding, so that libFuzzer records the input as a crash.
public enum FuzzFailure {
  /// Writes `message` to standard error and aborts.
  public static func stop(_ message: String) -> Never {
    fputs("fuzz finding: \(message)\n", stderr)
    abort()
  }

  /// `bytes` as printable ASCII, every other byte as `\xNN`.
  public static func escaped(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789ABCDEF".utf8)
    var text: [UInt8] = []
    for byte in bytes {
      if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") {
        text.append(byte)
      } else {
        text += Array("\\x".utf8) + [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
      }
    }
    return String(decoding: text, as: UTF8.self)
  }
}
