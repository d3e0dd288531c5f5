/// Checks the raw bytes of a TOML file before they reach TOMLKit, which reads a C string.
enum TOMLText {
  /// The bytes as a string, or an error naming the line and column of the first NUL byte or
  /// invalid UTF-8 sequence.
  static func decode(_ bytes: [UInt8], fileName: String) throws(ConfigurationError) -> String {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var line = 1
    var column = 1
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        switch Unicode.UTF8.decode(encoded) {
        case "\0":
          throw .nulByte(file: fileName, line: line, column: column)
        case "\n":
          line += 1
          column = 1
        default:
          column += 1
        }
      case .error:
        throw .invalidUTF8(file: fileName, line: line, column: column)
      case .emptyInput:
        return String(decoding: bytes, as: UTF8.self)
      }
    }
  }
}
