import FileSystem
import TOMLKit

/// Keeps a malformed table header from aborting the process inside toml++ 3.4.0, which TOMLKit 0.6.0 bundles.
///
/// toml++ calls its key parser on whatever follows `[` or `[[` in a table header and asserts
/// that it starts a key, so `[,]` or `[[[a]]]` end the process with `SIGABRT` instead of a
/// parse error (marzer/tomlplusplus#301, fixed upstream after 3.4.0). A line only looks like
/// such a header: it may sit inside a multi-line string or array, where it is fine. So a text
/// with a suspect line is parsed once in a forked child first; only if that child is killed are
/// the suspects bisected, each in a child, for the first one the parser really reaches.
enum TOMLHeaderGuard {
  /// A line that, read as a table header, hands toml++'s key parser a character that cannot start a key.
  struct Suspect: Equatable {
    /// 1-based line number.
    let line: Int
    /// 1-based column (in characters) of the offending character.
    let column: Int
    /// The offending character.
    let character: Character
    /// The text from the start of the document through the end of this line, newline included.
    let prefixEnd: String.Index
  }

  /// Throws toml++'s own "expected a key" error where the parser would abort on `string`; returns otherwise.
  ///
  /// If no child process can be started or it runs out of time, the text is left to the parser as before.
  static func check(_ string: String, fileName: String) throws(ConfigurationError) {
    let suspects = suspects(in: string)
    guard !suspects.isEmpty, case .killed(let signal) = parseIsolated(string[...]) else { return }
    var low = 0
    var high = suspects.count
    while low < high {
      let middle = (low + high) / 2
      if case .killed = parseIsolated(string[..<suspects[middle].prefixEnd]) {
        high = middle
      } else {
        low = middle + 1
      }
    }
    guard low < suspects.count else {
      throw .malformedTOML(
        file: fileName, line: 1, column: 1,
        description: "the TOML parser stopped with signal \(signal) while reading this file")
    }
    let suspect = suspects[low]
    throw .malformedTOML(
      file: fileName, line: suspect.line, column: suspect.column,
      description: "Error while parsing table header: expected bare key starting character or "
        + "string delimiter, saw '\(escaped(suspect.character))'")
  }

  /// Every line of `string` that starts (after spaces and tabs) like a table header whose key
  /// starts with a character other than a bare-key character, a quote or `]`.
  static func suspects(in string: String) -> [Suspect] {
    var result: [Suspect] = []
    var lineNumber = 0
    var lineStart = string.startIndex
    while lineStart < string.endIndex {
      lineNumber += 1
      let newline = string[lineStart...].firstIndex(of: "\n")
      let lineEnd = newline ?? string.endIndex
      let prefixEnd = newline.map { string.index(after: $0) } ?? string.endIndex
      if let (offset, character) = offendingCharacter(
        in: string.unicodeScalars[lineStart..<prefixEnd], isFirstLine: lineNumber == 1)
      {
        result.append(
          Suspect(line: lineNumber, column: offset + 1, character: character, prefixEnd: prefixEnd))
      }
      lineStart = lineEnd == string.endIndex ? lineEnd : prefixEnd
    }
    return result
  }

  /// The 0-based offset and the character toml++'s key parser would start on, when it cannot start a key.
  static func offendingCharacter(
    in line: Substring.UnicodeScalarView, isFirstLine: Bool
  ) -> (Int, Character)? {
    let scalars = Array(line)
    var index = 0
    if isFirstLine, scalars.first == "\u{FEFF}" { index += 1 }
    func skipBlanks() -> Bool {
      var skipped = false
      while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" {
        index += 1
        skipped = true
      }
      return skipped
    }
    _ = skipBlanks()
    guard index < scalars.count, scalars[index] == "[" else { return nil }
    index += 1
    let blankAfterBracket = skipBlanks()
    if !blankAfterBracket, index < scalars.count, scalars[index] == "[" {
      index += 1
      _ = skipBlanks()
    }
    guard index < scalars.count else { return nil }
    let scalar = scalars[index]
    if scalar.isASCII, startsKeyOrClosesHeader(UInt8(scalar.value)) { return nil }
    return (index, Character(scalar))
  }

  /// `character` as toml++ prints it in messages: `\n`, `\r` and other control characters escaped.
  static func escaped(_ character: Character) -> String {
    guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else {
      return String(character)
    }
    switch scalar {
    case "\n": return "\\n"
    case "\r": return "\\r"
    case "\u{0}"..."\u{1F}", "\u{7F}":
      let hex = String(scalar.value, radix: 16, uppercase: true)
      return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    default: return String(character)
    }
  }

  /// Whether toml++ handles `byte` after `[` itself: a bare-key character, a quote, or `]`.
  static func startsKeyOrClosesHeader(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"),
      UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"):
      return true
    default:
      return false
    }
  }

  /// Seconds a child may parse: far more than the largest allowed `project.toml` needs.
  static let timeLimit: UInt32 = 30

  /// Parses `text` in a forked child: `.returned` whether it parsed or not, `.killed` if toml++ aborted.
  static func parseIsolated(_ text: Substring) -> IsolatedCall.Outcome {
    let document = String(text)
    return IsolatedCall.run(timeLimit: timeLimit) { (try? TOMLTable(string: document)) == nil ? 1 : 0 }
  }
}
