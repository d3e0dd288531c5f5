import FileSystem
import TOMLKit

/// Keeps malformed TOML from aborting the process inside toml++ 3.4.0, which TOMLKit 0.6.0 bundles.
///
/// toml++ 3.4.0 runs with its internal assertions on, and some malformed documents reach one
/// instead of a parse error: a table header such as `[,]` or `[[[a]]]` (marzer/tomlplusplus#301,
/// fixed upstream after 3.4.0), or an array such as `[}`. An assertion ends the process with
/// `SIGABRT`. So every document is parsed once in a child first (`TOMLChildParser`). Only if that child is
/// killed are prefixes parsed, each in a child: first whole lines, then the characters of the
/// first line that kills the parser, to find the character it stopped at.
///
/// When no child can be started (`fork` fails, as under `RLIMIT_NPROC=0`, or `waitpid` does),
/// the document is refused with `parserUnavailable`; it is never parsed in-process instead. A
/// cheap pre-check for "could this text abort?" would have to know every assertion toml++ can
/// reach on malformed input; the shapes above are the ones found so far, not a proof that there
/// are no others, so such a check could not be sound. A child that runs out of time is left to
/// the parser as before (the in-process parse then takes as long; it does not abort).
enum TOMLParserGuard {
  /// Parses a text in a child process and says how the child ended.
  typealias Isolate = TOMLChildParser.Isolate

  /// Throws `malformedTOML` at the character where the parser would abort on `string`, or
  /// `parserUnavailable` when no child could be started; returns otherwise.
  static func check(
    _ string: String, fileName: String, isolate: Isolate = TOMLChildParser.isolate
  ) throws(ConfigurationError) {
    switch isolate(string[...]) {
    case .returned, .timedOut: return
    case .unavailable(let cause): throw .parserUnavailable(file: fileName, cause: cause)
    case .killed: break
    }
    let lineEnds = lineEnds(of: string)
    let lineIndex = firstKilling(count: lineEnds.count, isolate: isolate) {
      string[..<lineEnds[$0]]
    }
    let lineStart = lineIndex == 0 ? string.startIndex : lineEnds[lineIndex - 1]
    let line = string.unicodeScalars[lineStart..<lineEnds[lineIndex]]
    if let (offset, character) = offendingCharacter(in: line, isFirstLine: lineIndex == 0) {
      throw .malformedTOML(
        file: fileName, line: lineIndex + 1, column: offset + 1,
        description: "Error while parsing table header: expected bare key starting character or "
          + "string delimiter, saw '\(escaped(character))'")
    }
    let scalars = Array(line)
    let scalarEnds = Array(line.indices.dropFirst()) + [line.endIndex]
    let offset = firstKilling(count: scalarEnds.count, isolate: isolate) {
      string[..<scalarEnds[$0]]
    }
    let shown = offset < scalars.count ? "'\(escaped(Character(scalars[offset])))'" : "the end"
    throw .malformedTOML(
      file: fileName, line: lineIndex + 1, column: offset + 1,
      description: "Error while parsing: unexpected \(shown) "
        + "(the TOML parser stopped here without a message)")
  }

  /// The end of each line of `string`: just after its `\n` (also of a `\r\n`), or the end of the text.
  static func lineEnds(of string: String) -> [String.Index] {
    let scalars = string.unicodeScalars
    var ends = scalars.indices.filter { scalars[$0] == "\n" }.map { scalars.index(after: $0) }
    if ends.last != scalars.endIndex { ends.append(scalars.endIndex) }
    return ends
  }

  /// The smallest `i` below `count` whose prefix kills the parser; `count - 1` when none does (the whole text did).
  static func firstKilling(count: Int, isolate: Isolate, prefix: (Int) -> Substring) -> Int {
    var low = 0
    var high = count - 1
    while low < high {
      let middle = (low + high) / 2
      if case .killed = isolate(prefix(middle)) {
        high = middle
      } else {
        low = middle + 1
      }
    }
    return low
  }

  /// For a line that starts (after spaces and tabs) like a table header: the 0-based offset and the
  /// character toml++'s key parser would start on, when it cannot start a key.
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
}
