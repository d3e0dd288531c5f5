/// Byte values and character classes with git's ASCII-only `ctype` (git's `sane_ctype` table).
enum ASCII {
  static let tab: UInt8 = 0x09
  static let lineFeed: UInt8 = 0x0A
  static let carriageReturn: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let exclamationMark: UInt8 = 0x21
  static let numberSign: UInt8 = 0x23
  static let asterisk: UInt8 = 0x2A
  static let hyphen: UInt8 = 0x2D
  static let dot: UInt8 = 0x2E
  static let slash: UInt8 = 0x2F
  static let colon: UInt8 = 0x3A
  static let questionMark: UInt8 = 0x3F
  static let leftBracket: UInt8 = 0x5B
  static let backslash: UInt8 = 0x5C
  static let rightBracket: UInt8 = 0x5D
  static let caret: UInt8 = 0x5E

  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
  static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
  static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
  static func isAlpha(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) }
  static func isAlnum(_ byte: UInt8) -> Bool { isAlpha(byte) || isDigit(byte) }
  static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }
  static func isControl(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F }
  static func isPrint(_ byte: UInt8) -> Bool { byte >= 0x20 && byte <= 0x7E }
  static func isGraph(_ byte: UInt8) -> Bool { byte >= 0x21 && byte <= 0x7E }
  static func isPunct(_ byte: UInt8) -> Bool { isGraph(byte) && !isAlnum(byte) }
  /// git's `isspace`: space, tab, line feed and carriage return only (not `\v` or `\f`).
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == space || byte == tab || byte == lineFeed || byte == carriageReturn
  }
  static func isHexDigit(_ byte: UInt8) -> Bool {
    isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
  }
}
