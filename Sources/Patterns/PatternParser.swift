/// Parses gitignore-format text exactly like git's `add_patterns_from_buffer`.
public enum PatternParser {
  private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// Parses a gitignore-format buffer like git's add_patterns_from_buffer; line numbers start at
  /// `firstLine`. A UTF-8 byte order mark at the start is skipped and a last line without a
  /// newline counts. Lines that are blank after trimming and comments give no pattern.
  public static func parse(_ buffer: [UInt8], source: String, firstLine: Int = 1) -> [Pattern] {
    var patterns: [Pattern] = []
    var entry = buffer.starts(with: byteOrderMark) ? byteOrderMark.count : 0
    var line = firstLine
    for index in entry...buffer.count
    where index == buffer.count || buffer[index] == ASCII.lineFeed {
      if index == buffer.count && entry == index { break }
      let origin = PatternOrigin(source: source, line: line)
      if let pattern = parse(buffer[entry..<index], origin: origin) {
        patterns.append(pattern)
      }
      line += 1
      entry = index + 1
    }
    return patterns
  }

  /// Parses one line (no newline inside) the same way; nil for blank/comment lines.
  public static func parseLine(_ line: [UInt8], origin: PatternOrigin) -> Pattern? {
    parse(line[...], origin: origin)
  }

  private static func parse(_ line: ArraySlice<UInt8>, origin: PatternOrigin) -> Pattern? {
    guard let first = line.first, first != ASCII.numberSign else { return nil }
    var text = line
    // Only the one carriage return right before the newline goes.
    if text.last == ASCII.carriageReturn { text = text.dropLast() }
    // git handles the line as a C string: a NUL byte ends it.
    if let nul = text.firstIndex(of: 0) { text = text[..<nul] }
    return Pattern(trimmedLine: Array(trimTrailingSpaces(text)), origin: origin)
  }

  /// git's `trim_trailing_spaces`: drops trailing unescaped spaces (only ' '), and nothing at
  /// all when the line ends with a lone backslash.
  static func trimTrailingSpaces(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var firstTrailingSpace: Int?
    var index = text.startIndex
    while index < text.endIndex {
      switch text[index] {
      case ASCII.space:
        if firstTrailingSpace == nil { firstTrailingSpace = index }
      case ASCII.backslash:
        index += 1
        if index == text.endIndex { return text }
        firstTrailingSpace = nil
      default:
        firstTrailingSpace = nil
      }
      index += 1
    }
    guard let firstTrailingSpace else { return text }
    return text[..<firstTrailingSpace]
  }
}
