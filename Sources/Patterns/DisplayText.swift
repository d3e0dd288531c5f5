/// Renders pattern bytes for logs.
enum DisplayText {
  /// `bytes` decoded as UTF-8; invalid bytes and control characters appear as `\xNN`.
  static func escaping(_ bytes: [UInt8]) -> String {
    var result = ""
    result.reserveCapacity(bytes.count)
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        let scalar = Unicode.UTF8.decode(encoded)
        if isControl(scalar) {
          appendEscapes(bytes[offset..<offset + encoded.count], to: &result)
        } else {
          result.unicodeScalars.append(scalar)
        }
        offset += encoded.count
      case .error(let length):
        appendEscapes(bytes[offset..<offset + length], to: &result)
        offset += length
      case .emptyInput:
        return result
      }
    }
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
  }

  private static func appendEscapes(_ bytes: ArraySlice<UInt8>, to result: inout String) {
    let digits: [Character] = [
      "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F",
    ]
    for byte in bytes {
      result += "\\x"
      result.append(digits[Int(byte >> 4)])
      result.append(digits[Int(byte & 0x0F)])
    }
  }
}
