/// Finds the line on which a key is defined in TOML text that TOMLKit has already parsed, for
/// messages.
///
/// TOMLKit exposes no source positions, so this scans lines on a best-effort basis: it follows
/// table headers (`[a.b]`, `[ a . "b" ]`, `[[a.b]]`), `key =` lines with bare, quoted and dotted
/// keys, and inline tables (reporting the line of the inline table's key), and it skips the insides
/// of strings and comments. It does not check syntax: it is not a TOML parser.
public struct KeyLocator {
  /// The text's lines as Unicode scalars, without line terminators.
  let lines: [[Unicode.Scalar]]

  /// Prepares to search `text`.
  public init(text: String) {
    lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
      line in
      var scalars = Array(line)
      if scalars.last == "\r" { scalars.removeLast() }
      return scalars
    }
  }

  /// The 1-based line that defines `keyPath` (such as `["utility", "group-writable", "paths"]`)
  /// or, when it is only defined implicitly, the first line defining something inside it;
  /// nil when not found.
  public func line(of keyPath: [String]) -> Int? {
    var table: [String] = []
    var openString: MultiLineString?
    for (index, line) in lines.enumerated() {
      var position = 0
      if let delimiter = openString {
        guard let end = Self.closingEnd(of: delimiter, in: line, from: 0) else { continue }
        openString = Self.scanValue(line, from: end)
        continue
      }
      position = Self.skipWhitespace(line, from: position)
      if position < line.count, line[position] == "[",
        let header = Self.parseHeader(line, from: position)
      {
        table = header
        if header.starts(with: keyPath) { return index + 1 }
        continue
      }
      if let (key, valueStart) = Self.parseKeyValue(line, from: position) {
        let full = table + key
        if full.starts(with: keyPath) { return index + 1 }
        let valuePosition = Self.skipWhitespace(line, from: valueStart)
        if keyPath.starts(with: full), valuePosition < line.count, line[valuePosition] == "{" {
          return index + 1
        }
        openString = Self.scanValue(line, from: valueStart)
        continue
      }
      openString = Self.scanValue(line, from: position)
    }
    return nil
  }

  /// The kind of multi-line string left open at the end of a line.
  enum MultiLineString {
    /// `"""`, with backslash escapes.
    case basic
    /// `'''`, without escapes.
    case literal
  }

  /// The position after the first non-space, non-tab scalar at or after `position`.
  static func skipWhitespace(_ line: [Unicode.Scalar], from position: Int) -> Int {
    var position = position
    while position < line.count, line[position] == " " || line[position] == "\t" { position += 1 }
    return position
  }

  /// The key path of a `[table]` or `[[array-of-tables]]` header starting at `position`.
  static func parseHeader(_ line: [Unicode.Scalar], from position: Int) -> [String]? {
    var position = position + 1
    let isArray = position < line.count && line[position] == "["
    if isArray { position += 1 }
    guard let (key, end) = parseDottedKey(line, from: position) else { return nil }
    position = skipWhitespace(line, from: end)
    guard position < line.count, line[position] == "]" else { return nil }
    position += 1
    if isArray {
      guard position < line.count, line[position] == "]" else { return nil }
      position += 1
    }
    position = skipWhitespace(line, from: position)
    guard position == line.count || line[position] == "#" else { return nil }
    return key
  }

  /// The key of a `key = value` line and the position after `=`.
  static func parseKeyValue(_ line: [Unicode.Scalar], from position: Int) -> ([String], Int)? {
    guard let (key, end) = parseDottedKey(line, from: position) else { return nil }
    let position = skipWhitespace(line, from: end)
    guard position < line.count, line[position] == "=" else { return nil }
    return (key, position + 1)
  }

  /// A dotted key (`a."b c".'d'`) starting at `position` (spaces allowed around dots) and the
  /// position after it.
  static func parseDottedKey(_ line: [Unicode.Scalar], from position: Int) -> ([String], Int)? {
    var parts: [String] = []
    var position = position
    while true {
      position = skipWhitespace(line, from: position)
      guard let (part, end) = parseSimpleKey(line, from: position) else { return nil }
      parts.append(part)
      let next = skipWhitespace(line, from: end)
      guard next < line.count, line[next] == "." else { return (parts, end) }
      position = next + 1
    }
  }

  /// One bare, basic-quoted or literal-quoted key starting at `position` and the position after it.
  static func parseSimpleKey(_ line: [Unicode.Scalar], from position: Int) -> (String, Int)? {
    guard position < line.count else { return nil }
    switch line[position] {
    case "\"":
      return parseBasicString(line, from: position + 1)
    case "'":
      guard let end = line[(position + 1)...].firstIndex(of: "'") else { return nil }
      return (String(String.UnicodeScalarView(line[(position + 1)..<end])), end + 1)
    default:
      var end = position
      while end < line.count, isBareKeyScalar(line[end]) { end += 1 }
      guard end > position else { return nil }
      return (String(String.UnicodeScalarView(line[position..<end])), end)
    }
  }

  /// Whether `scalar` may appear in a bare key.
  static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "A"..."Z", "a"..."z", "0"..."9", "-", "_": return true
    default: return false
    }
  }

  /// The decoded contents of a basic string whose opening `"` is just before `position`, and the
  /// position after the closing `"`.
  static func parseBasicString(_ line: [Unicode.Scalar], from position: Int) -> (String, Int)? {
    var result = String.UnicodeScalarView()
    var position = position
    while position < line.count {
      let scalar = line[position]
      if scalar == "\"" { return (String(result), position + 1) }
      guard scalar == "\\", position + 1 < line.count else {
        result.append(scalar)
        position += 1
        continue
      }
      let escape = line[position + 1]
      position += 2
      switch escape {
      case "b": result.append("\u{8}")
      case "t": result.append("\t")
      case "n": result.append("\n")
      case "f": result.append("\u{C}")
      case "r": result.append("\r")
      case "e": result.append("\u{1B}")
      case "u", "U":
        let width = escape == "u" ? 4 : 8
        guard position + width <= line.count,
          let value = UInt32(
            String(String.UnicodeScalarView(line[position..<position + width])), radix: 16),
          let decoded = Unicode.Scalar(value)
        else { return nil }
        result.append(decoded)
        position += width
      default: result.append(escape)
      }
    }
    return nil
  }

  /// Skips strings and stops at a comment in the value part of a line; returns the multi-line
  /// string left open at the end of the line, if any.
  static func scanValue(_ line: [Unicode.Scalar], from position: Int) -> MultiLineString? {
    var position = position
    while position < line.count {
      let scalar = line[position]
      switch scalar {
      case "#":
        return nil
      case "\"", "'":
        let delimiter: MultiLineString = scalar == "\"" ? .basic : .literal
        if position + 2 < line.count, line[position + 1] == scalar, line[position + 2] == scalar {
          guard let end = closingEnd(of: delimiter, in: line, from: position + 3) else {
            return delimiter
          }
          position = end
        } else if delimiter == .basic {
          guard let (_, end) = parseBasicString(line, from: position + 1) else { return nil }
          position = end
        } else {
          guard let end = line[(position + 1)...].firstIndex(of: "'") else { return nil }
          position = end + 1
        }
      default:
        position += 1
      }
    }
    return nil
  }

  /// The position after the delimiter closing a multi-line string (including up to two extra
  /// quotes that belong to the contents), searching from `position`; nil when it stays open.
  static func closingEnd(
    of delimiter: MultiLineString, in line: [Unicode.Scalar], from position: Int
  ) -> Int? {
    let quote: Unicode.Scalar = delimiter == .basic ? "\"" : "'"
    var position = position
    while position + 2 < line.count {
      if delimiter == .basic, line[position] == "\\" {
        position += 2
        continue
      }
      if line[position] == quote, line[position + 1] == quote, line[position + 2] == quote {
        var end = position + 3
        var extra = 0
        while extra < 2, end < line.count, line[end] == quote {
          end += 1
          extra += 1
        }
        return end
      }
      position += 1
    }
    return nil
  }
}
