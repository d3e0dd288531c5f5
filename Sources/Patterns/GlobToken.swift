/// One element of a compiled pattern, mirroring how git's `dowild` reads the pattern bytes.
struct GlobToken: Sendable {
  /// What the token matches.
  enum Kind: UInt8, Sendable {
    /// A byte written as itself (never one of `*?[\`): eligible for the "advance faster" scan.
    case literal
    /// A byte written after `\` (a `\` at the very end stands for NUL and matches nothing).
    case escapedLiteral
    /// `?`.
    case anyByte
    /// A bracket expression `[...]`; `operand` indexes the program's byte sets.
    case bracket
    /// A run of `*`; `operand` is the ordinal of the run among the program's runs.
    case star
    /// A bracket expression git aborts on (unterminated, or an unknown `[:class:]`).
    case malformed
  }

  /// What the token matches.
  let kind: Kind
  /// The byte of a literal.
  let byte: UInt8
  /// For a star: whether the run has two or more asterisks.
  let isRun: Bool
  /// For a star: whether the run is a globstar under WM_PATHNAME: two or more asterisks at the
  /// start of the pattern or right after `/`, followed by the end, `/` or `\/` (git >= 2.52).
  let isGlobstar: Bool
  /// Bracket: byte set index; star: run ordinal.
  let operand: Int32

  /// A literal or escaped literal byte.
  static func literal(_ byte: UInt8, escaped: Bool) -> GlobToken {
    GlobToken(
      kind: escaped ? .escapedLiteral : .literal, byte: byte, isRun: false, isGlobstar: false,
      operand: 0)
  }

  /// A token of a kind without payload (`?` or a malformed bracket).
  static func plain(_ kind: Kind) -> GlobToken {
    GlobToken(kind: kind, byte: 0, isRun: false, isGlobstar: false, operand: 0)
  }

  /// Whether the token matches exactly one `/` of the text.
  var isSlash: Bool {
    (kind == .literal || kind == .escapedLiteral) && byte == ASCII.slash
  }

  /// Whether the token is a literal byte, escaped or not (an escaped NUL excluded).
  var isFixedByte: Bool {
    (kind == .literal || kind == .escapedLiteral) && byte != 0
  }
}
