/// A pattern body compiled into tokens, with exactly the parsing rules of git's wildmatch.c.
final class GlobProgram: Sendable {
  /// The tokens; a malformed bracket expression ends the list (matching never gets past it).
  let tokens: [GlobToken]
  /// The byte sets of the bracket expressions (negation already applied).
  let byteSets: [ByteSet]
  /// The number of star tokens.
  let starCount: Int
  /// The bytes every matching text starts with (the leading literal tokens).
  let requiredPrefix: [UInt8]
  /// The bytes every matching text ends with (the trailing literal tokens, but for a `/` that
  /// the `**/` shortcut may skip).
  let requiredSuffix: [UInt8]

  /// Compiles `body` (a pattern without `!`, trailing `/` and, for anchored ones, leading `/`).
  convenience init(_ body: ArraySlice<UInt8>) {
    var tokens: [GlobToken] = []
    var byteSets: [ByteSet] = []
    var starCount = 0
    let end = body.endIndex
    func byte(at index: Int) -> UInt8 { index < end ? body[index] : 0 }
    var index = body.startIndex
    scan: while index < end {
      let current = body[index]
      switch current {
      case ASCII.backslash:
        tokens.append(.literal(byte(at: index + 1), escaped: true))
        index += 2
      case ASCII.questionMark:
        tokens.append(.plain(.anyByte))
        index += 1
      case ASCII.asterisk:
        var runEnd = index
        while runEnd < end && body[runEnd] == ASCII.asterisk { runEnd += 1 }
        let isRun = runEnd - index >= 2
        let afterSlash = index == body.startIndex || body[index - 1] == ASCII.slash
        let beforeSlash =
          runEnd == end || body[runEnd] == ASCII.slash
          || (body[runEnd] == ASCII.backslash && byte(at: runEnd + 1) == ASCII.slash)
        tokens.append(
          GlobToken(
            kind: .star, byte: 0, isRun: isRun, isGlobstar: isRun && afterSlash && beforeSlash,
            operand: Int32(starCount)))
        starCount += 1
        index = runEnd
      case ASCII.leftBracket:
        guard let (set, next) = Self.parseBracket(body, at: index) else {
          tokens.append(.plain(.malformed))
          break scan
        }
        tokens.append(
          GlobToken(
            kind: .bracket, byte: 0, isRun: false, isGlobstar: false,
            operand: Int32(byteSets.count)))
        byteSets.append(set)
        index = next
      default:
        tokens.append(.literal(current, escaped: false))
        index += 1
      }
    }
    self.init(tokens: tokens, byteSets: byteSets)
  }

  /// The program of `tokens` (stars numbered in order), whose brackets index `byteSets`.
  private init(tokens: [GlobToken], byteSets: [ByteSet]) {
    self.tokens = tokens
    self.byteSets = byteSets
    starCount = tokens.lazy.filter { $0.kind == .star }.count
    requiredPrefix = tokens.prefix(while: \.isFixedByte).map(\.byte)
    var suffixStart = tokens.count
    while suffixStart > 0 && tokens[suffixStart - 1].isFixedByte { suffixStart -= 1 }
    var suffix = tokens[suffixStart...]
    // The `**/` shortcut skips the `/` after a globstar.
    if let first = suffix.first, first.kind == .literal, first.byte == ASCII.slash,
      suffix.startIndex > 0, tokens[suffix.startIndex - 1].isGlobstar
    {
      suffix = suffix.dropFirst()
    }
    requiredSuffix = suffix.map(\.byte)
  }

  /// The program of the tokens from `start` on, which matches what they match in this program.
  func suffix(from start: Int) -> GlobProgram {
    var ordinal: Int32 = 0
    let tokens = self.tokens[start...].map { token in
      guard token.kind == .star else { return token }
      defer { ordinal += 1 }
      return GlobToken(
        kind: .star, byte: 0, isRun: token.isRun, isGlobstar: token.isGlobstar, operand: ordinal)
    }
    return GlobProgram(tokens: tokens, byteSets: byteSets)
  }

  /// Whether `text` has the required prefix and suffix (necessary for a match, not sufficient).
  @inline(__always)
  func admits(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    let prefixCount = requiredPrefix.count
    let suffixCount = requiredSuffix.count
    guard text.count >= prefixCount && text.count >= suffixCount else { return false }
    return requiredPrefix.withUnsafeBufferPointer { prefix in
      for offset in 0..<prefixCount where prefix[offset] != text[offset] { return false }
      return requiredSuffix.withUnsafeBufferPointer { suffix in
        let start = text.count - suffixCount
        for offset in 0..<suffixCount where suffix[offset] != text[start + offset] {
          return false
        }
        return true
      }
    }
  }

  /// Whether no text can match: the program is empty (texts never are), or it contains a
  /// malformed bracket expression or a trailing lone backslash.
  var isUnmatchable: Bool {
    tokens.isEmpty
      || tokens.contains { $0.kind == .malformed || ($0.kind == .escapedLiteral && $0.byte == 0) }
  }

  /// The one byte string the program matches, when every token is a fixed byte.
  var literalBytes: [UInt8]? {
    guard !tokens.isEmpty, tokens.allSatisfy(\.isFixedByte) else { return nil }
    return tokens.map(\.byte)
  }

  /// For `*literal` (git's ENDSWITH, any number of asterisks): the literal, possibly empty.
  var suffixAfterLeadingStar: [UInt8]? {
    guard let first = tokens.first, first.kind == .star,
      tokens.dropFirst().allSatisfy(\.isFixedByte)
    else { return nil }
    return tokens.dropFirst().map(\.byte)
  }

  /// Parses the bracket expression opening at `open` like `dowild`'s `[` case: returns the set
  /// of matching bytes and the index after the closing `]`, or nil when git would abort.
  private static func parseBracket(_ body: ArraySlice<UInt8>, at open: Int) -> (ByteSet, Int)? {
    let end = body.endIndex
    func byte(at index: Int) -> UInt8 { index < end ? body[index] : 0 }
    var index = open + 1
    var current = byte(at: index)
    if current == ASCII.caret { current = ASCII.exclamationMark }
    let negated = current == ASCII.exclamationMark
    if negated {
      index += 1
      current = byte(at: index)
    }
    var previous: UInt8 = 0
    var set = ByteSet()
    repeat {
      if current == 0 { return nil }
      if current == ASCII.backslash {
        index += 1
        current = byte(at: index)
        if current == 0 { return nil }
        set.insert(current)
      } else if current == ASCII.hyphen && previous != 0 && byte(at: index + 1) != 0
        && byte(at: index + 1) != ASCII.rightBracket
      {
        index += 1
        current = byte(at: index)
        if current == ASCII.backslash {
          index += 1
          current = byte(at: index)
          if current == 0 { return nil }
        }
        set.insert(from: previous, through: current)
        current = 0
      } else if current == ASCII.leftBracket && byte(at: index + 1) == ASCII.colon {
        let nameStart = index + 2
        var close = nameStart
        while byte(at: close) != 0 && byte(at: close) != ASCII.rightBracket { close += 1 }
        if byte(at: close) == 0 { return nil }
        if close - nameStart - 1 < 0 || byte(at: close - 1) != ASCII.colon {
          // No ":]": the `[` is an ordinary member and scanning resumes after it.
          set.insert(ASCII.leftBracket)
        } else {
          guard let predicate = characterClass(body[nameStart..<close - 1]) else { return nil }
          set.insert(where: predicate)
          index = close
          current = 0
        }
      } else {
        set.insert(current)
      }
      previous = current
      index += 1
      current = byte(at: index)
    } while current != ASCII.rightBracket
    return (negated ? set.inverted : set, index + 1)
  }

  /// The predicate of a POSIX class name inside `[: :]`, with git's ASCII-only ctype.
  private static func characterClass(_ name: ArraySlice<UInt8>) -> ((UInt8) -> Bool)? {
    switch String(decoding: name, as: UTF8.self) {
    case "alnum": return ASCII.isAlnum
    case "alpha": return ASCII.isAlpha
    case "blank": return ASCII.isBlank
    case "cntrl": return ASCII.isControl
    case "digit": return ASCII.isDigit
    case "graph": return ASCII.isGraph
    case "lower": return ASCII.isLower
    case "print": return ASCII.isPrint
    case "punct": return ASCII.isPunct
    case "space": return ASCII.isSpace
    case "upper": return ASCII.isUpper
    case "xdigit": return ASCII.isHexDigit
    default: return nil
    }
  }
}
