/// Bytes from the user (patterns, paths, values) made safe to print, reversibly: one escaping for every message,
/// log and report.
///
/// Valid UTF-8 is kept. A backslash is doubled, and control characters, invalid bytes and every invisible or
/// layout-changing character are escaped (`\n`, `\t`, `\r`, `\xNN` for other C0 controls, DEL and invalid
/// bytes, `\u{NNNN}` for the rest). What counts as invisible goes by Unicode general category, not by a list:
/// controls (Cc), format characters (Cf: direction marks and isolates, U+061C, zero-width characters), line and
/// paragraph separators (Zl, Zp: U+2028, U+2029), spaces other than U+0020 (Zs), private use (Co). So a value
/// can never break a line-based layout or hide text, and two different byte strings never print the same:
/// `unescaping` gives the bytes back.
public enum EscapedText {
  /// `bytes` as escaped text; `reversible: false` keeps backslashes as they are, for text that is no user value
  /// (a parser's message, which escapes what it quotes itself).
  public static func escaping(_ bytes: [UInt8], reversible: Bool = true) -> String {
    // Printable ASCII other than a backslash stands for itself: most names are only that.
    if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x5C }) {
      return String(decoding: bytes, as: UTF8.self)
    }
    var result = ""
    result.reserveCapacity(bytes.count)
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        let scalar = Unicode.UTF8.decode(encoded)
        if scalar == "\\" && !reversible { result += "\\" } else { append(scalar, to: &result) }
        offset += encoded.count
      case .error(let length):
        for byte in bytes[offset..<offset + length] { appendHexEscape(byte, to: &result) }
        offset += length
      case .emptyInput:
        return result
      }
    }
  }

  /// The bytes `text` (made by `escaping`) stands for; nil when it is not such a text (a lone backslash, an
  /// unknown or malformed escape).
  public static func unescaping(_ text: String) -> [UInt8]? {
    var result: [UInt8] = []
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      index += 1
      guard scalar == "\\" else {
        result += Array(String(scalar).utf8)
        continue
      }
      guard index < scalars.count else { return nil }
      let escape = scalars[index]
      index += 1
      switch escape {
      case "\\": result.append(ASCII.backslash)
      case "n": result.append(ASCII.lineFeed)
      case "t": result.append(ASCII.tab)
      case "r": result.append(ASCII.carriageReturn)
      case "x":
        guard index + 2 <= scalars.count,
          let byte = UInt8(String(String.UnicodeScalarView(scalars[index..<index + 2])), radix: 16)
        else { return nil }
        result.append(byte)
        index += 2
      case "u":
        guard index < scalars.count, scalars[index] == "{",
          let close = scalars[index...].firstIndex(of: "}"), close - index <= 7,
          let value = UInt32(
            String(String.UnicodeScalarView(scalars[(index + 1)..<close])), radix: 16),
          let decoded = Unicode.Scalar(value)
        else { return nil }
        result += Array(String(decoded).utf8)
        index = close + 1
      default:
        return nil
      }
    }
    return result
  }

  private static func append(_ scalar: Unicode.Scalar, to result: inout String) {
    switch scalar.value {
    case 0x5C: result += "\\\\"
    case 0x0A: result += "\\n"
    case 0x09: result += "\\t"
    case 0x0D: result += "\\r"
    case 0x00..<0x20, 0x7F: appendHexEscape(UInt8(scalar.value), to: &result)
    case 0x20..<0x7F: result.unicodeScalars.append(scalar)
    default:
      if isInvisible(scalar) {
        result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
  }

  /// Whether a non-ASCII scalar is invisible or changes the layout: by general category (see the type's summary).
  static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .privateUse,
      .surrogate:
      return true
    default:
      return false
    }
  }

  private static func appendHexEscape(_ byte: UInt8, to result: inout String) {
    let digits = Array("0123456789ABCDEF".unicodeScalars)
    result += "\\x"
    result.unicodeScalars.append(digits[Int(byte >> 4)])
    result.unicodeScalars.append(digits[Int(byte & 0x0F)])
  }
}
