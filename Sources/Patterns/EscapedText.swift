/// Bytes from the user (patterns, paths, values) made safe to print: one escaping for every message and log.
///
/// Valid UTF-8 is kept. Control characters, invalid bytes and bidirectional formatting characters are escaped
/// (`\n`, `\t`, `\r`, `\xNN` for other C0 controls, DEL and invalid bytes, `\u{NNNN}` for C1 controls and
/// direction marks), so a value can never break a line-based layout or hide text.
public enum EscapedText {
  /// `bytes` as escaped text.
  public static func escaping(_ bytes: [UInt8]) -> String {
    var result = ""
    result.reserveCapacity(bytes.count)
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        append(Unicode.UTF8.decode(encoded), to: &result)
        offset += encoded.count
      case .error(let length):
        for byte in bytes[offset..<offset + length] { appendHexEscape(byte, to: &result) }
        offset += length
      case .emptyInput:
        return result
      }
    }
  }

  private static func append(_ scalar: Unicode.Scalar, to result: inout String) {
    switch scalar.value {
    case 0x0A: result += "\\n"
    case 0x09: result += "\\t"
    case 0x0D: result += "\\r"
    case 0x00..<0x20, 0x7F: appendHexEscape(UInt8(scalar.value), to: &result)
    case 0x80..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
      result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    default: result.unicodeScalars.append(scalar)
    }
  }

  private static func appendHexEscape(_ byte: UInt8, to result: inout String) {
    let digits = Array("0123456789ABCDEF".unicodeScalars)
    result += "\\x"
    result.unicodeScalars.append(digits[Int(byte >> 4)])
    result.unicodeScalars.append(digits[Int(byte & 0x0F)])
  }
}
