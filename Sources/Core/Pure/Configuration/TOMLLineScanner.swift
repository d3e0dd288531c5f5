/// The pieces of one TOML line that `KeyLocator` needs: table headers, `key =` prefixes, and the
/// extent of strings, comments and brackets in values. It reports positions; it checks no syntax
/// and builds no values (TOMLKit parses the document).
enum TOMLLineScanner {
  /// The kind of multi-line string left open at the end of a line.
  enum MultiLineString {
    /// `"""`, with backslash escapes.
    case basic
    /// `'''`, without escapes.
    case literal
  }

  /// What a value carries from one line to the next.
  struct State {
    /// The multi-line string still open, if any.
    var openString: MultiLineString?
    /// How many arrays and inline tables are open.
    var depth = 0

    /// Whether the next line continues a value (and so holds no header and no key).
    var continuesValue: Bool { openString != nil || depth > 0 }
  }

  /// The position of the first non-space, non-tab scalar at or after `position`.
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
  /// position after the closing `"`; a `\u0000` escape decodes to a NUL character.
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
        guard let decoded = hexScalar(line, from: position, width: width) else { return nil }
        result.append(decoded)
        position += width
      default: result.append(escape)
      }
    }
    return nil
  }

  /// The scalar written by `width` hex digits at `position`, nil when they are not a scalar.
  static func hexScalar(_ line: [Unicode.Scalar], from position: Int, width: Int) -> Unicode.Scalar?
  {
    guard position + width <= line.count,
      let value = UInt32(
        String(String.UnicodeScalarView(line[position..<position + width])), radix: 16)
    else { return nil }
    return Unicode.Scalar(value)
  }

  /// Whether a `\u0000` or `\U00000000` escape starts at `position` (at its backslash).
  static func isNulEscape(_ line: [Unicode.Scalar], at position: Int) -> Bool {
    guard position + 1 < line.count, line[position] == "\\" else { return false }
    switch line[position + 1] {
    case "u": return hexScalar(line, from: position + 2, width: 4) == "\u{0}"
    case "U": return hexScalar(line, from: position + 2, width: 8) == "\u{0}"
    default: return false
    }
  }

  /// Scans the value part of a line from `position`, continuing `state` (an open multi-line string,
  /// open brackets): skips strings, stops at a comment, counts brackets. Returns whether a basic
  /// string on the line (its part on this line) holds a NUL escape.
  static func scanValue(
    _ line: [Unicode.Scalar], from position: Int, state: inout State
  ) -> Bool {
    var position = position
    var foundNul = false
    if let open = state.openString {
      let (end, nul) = closingEnd(of: open, in: line, from: position)
      foundNul = nul
      guard let end else { return foundNul }
      state.openString = nil
      position = end
    }
    while position < line.count {
      let scalar = line[position]
      switch scalar {
      case "#":
        return foundNul
      case "[", "{":
        state.depth += 1
        position += 1
      case "]", "}":
        state.depth = max(0, state.depth - 1)
        position += 1
      case "\"", "'":
        let delimiter: MultiLineString = scalar == "\"" ? .basic : .literal
        if position + 2 < line.count, line[position + 1] == scalar, line[position + 2] == scalar {
          let (end, nul) = closingEnd(of: delimiter, in: line, from: position + 3)
          foundNul = foundNul || nul
          guard let end else {
            state.openString = delimiter
            return foundNul
          }
          position = end
        } else if delimiter == .basic {
          guard let (text, end) = parseBasicString(line, from: position + 1) else {
            return foundNul
          }
          foundNul = foundNul || text.unicodeScalars.contains("\u{0}")
          position = end
        } else {
          guard let end = line[(position + 1)...].firstIndex(of: "'") else { return foundNul }
          position = end + 1
        }
      default:
        position += 1
      }
    }
    return foundNul
  }

  /// The position after the delimiter closing a multi-line string (including up to two extra
  /// quotes that belong to the contents), searching from `position` (nil when it stays open), and
  /// whether the contents before it hold a NUL escape.
  static func closingEnd(
    of delimiter: MultiLineString, in line: [Unicode.Scalar], from position: Int
  ) -> (end: Int?, hasNul: Bool) {
    let quote: Unicode.Scalar = delimiter == .basic ? "\"" : "'"
    var position = position
    var hasNul = false
    while position < line.count {
      if delimiter == .basic, line[position] == "\\" {
        hasNul = hasNul || isNulEscape(line, at: position)
        position += 2
        continue
      }
      if position + 2 < line.count, line[position] == quote, line[position + 1] == quote,
        line[position + 2] == quote
      {
        var end = position + 3
        var extra = 0
        while extra < 2, end < line.count, line[end] == quote {
          end += 1
          extra += 1
        }
        return (end, hasNul)
      }
      position += 1
    }
    return (nil, hasNul)
  }
}
