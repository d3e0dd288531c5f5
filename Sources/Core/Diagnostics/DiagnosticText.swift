/// Helpers that put user-supplied values into message text safely.
///
/// Control characters, invalid UTF-8 and bidirectional-override characters are escaped (`\n`,
/// `\t`, `\r`, `\xNN` for other C0 controls, DEL and invalid bytes, `\u{NNNN}` for the rest), so a
/// value can never break the `!` block layout or hide text.
public enum DiagnosticText {
  /// `value` escaped and in backticks, such as `` `logs/` ``.
  public static func code(_ value: String) -> String {
    "`\(escaped(value))`"
  }

  /// Raw bytes shown as text, escaped and in backticks.
  public static func code(bytes: [UInt8]) -> String {
    "`\(escaped(bytes: bytes))`"
  }

  /// `value` with control and invisible direction characters escaped.
  public static func escaped(_ value: String) -> String {
    escaped(bytes: Array(value.utf8))
  }

  /// Raw bytes as text: valid UTF-8 is kept, control characters and invalid bytes are escaped.
  public static func escaped(bytes: [UInt8]) -> String {
    var result = ""
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        let scalar = Unicode.UTF8.decode(encoded)
        result += escaped(scalar)
        offset += encoded.count
      case .error(let length):
        for byte in bytes[offset..<offset + length] { result += hexEscape(byte) }
        offset += length
      case .emptyInput:
        return result
      }
    }
  }

  /// A byte count for limits: `1 MiB (1048576 bytes)` for whole mebibytes, else `N bytes`.
  public static func byteCount(_ count: Int) -> String {
    let mebibyte = 1 << 20
    if count >= mebibyte && count % mebibyte == 0 {
      return "\(count / mebibyte) MiB (\(count) bytes)"
    }
    return count == 1 ? "1 byte" : "\(count) bytes"
  }

  /// One scalar, escaped when it is a control or bidirectional formatting character.
  static func escaped(_ scalar: Unicode.Scalar) -> String {
    switch scalar.value {
    case 0x0A: return "\\n"
    case 0x09: return "\\t"
    case 0x0D: return "\\r"
    case 0x00..<0x20, 0x7F: return hexEscape(UInt8(scalar.value))
    case 0x80..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
      let hex = String(scalar.value, radix: 16, uppercase: true)
      return "\\u{\(hex)}"
    default: return String(Character(scalar))
    }
  }

  /// `\xNN` with two upper-case hex digits.
  static func hexEscape(_ byte: UInt8) -> String {
    let hex = String(byte, radix: 16, uppercase: true)
    return byte < 0x10 ? "\\x0\(hex)" : "\\x\(hex)"
  }
}
