/// A `Pattern` prepared for matching: git's matching rule plus the cheapest equivalent strategy.
struct CompiledPattern: Sendable {
  /// How `PatternSet` finds matches of the pattern.
  enum Strategy: Sendable {
    /// Matches no path (empty, malformed bracket, trailing lone backslash, `a//b`...).
    case never
    /// Matches a last component equal to these bytes.
    case basenameLiteral([UInt8])
    /// Matches a last component ending with these bytes (git's ENDSWITH; empty: every name).
    case basenameSuffix([UInt8])
    /// Matches a last component with the wildmatch program `basenameProgram`.
    case basenameGlob
    /// Matches a path equal to these bytes or ending with `/` and them: `**/rest` where `rest`
    /// is literal and has a `/` (its last k components equal `rest`).
    case pathSuffix([UInt8])
    /// Matches the whole path; followed through directories with its segments.
    case anchored([PathSegment])
  }

  /// Whether the pattern re-includes (`!`).
  let isNegated: Bool
  /// Whether the pattern matches directories only (trailing `/`).
  let isDirectoryOnly: Bool
  /// Whether git matches the pattern against the last component (no `/` in the pattern).
  let matchesBasename: Bool
  /// The program git runs: on the last component, or (leading `/` removed) on the whole path.
  let program: GlobProgram
  /// The cheapest strategy equivalent to running `program`.
  let strategy: Strategy
  /// For `**/rest` where `rest` has no `/`: the program of `rest` on the last component.
  let basenameProgram: GlobProgram

  init(_ pattern: Pattern) {
    isNegated = pattern.isNegated
    isDirectoryOnly = pattern.isDirectoryOnly
    matchesBasename = pattern.matchesBasename
    var body = pattern.body
    if !matchesBasename && body.first == ASCII.slash { body = body.dropFirst() }
    program = GlobProgram(body)
    if program.isUnmatchable {
      strategy = .never
      basenameProgram = program
      return
    }
    var basename = program
    if !matchesBasename {
      // `**/rest` (unescaped `/`) with no `/` token and no further globstar in `rest` matches
      // exactly the paths whose last component matches `rest`.
      let tokens = program.tokens
      if tokens.count >= 3, tokens[0].kind == .star, tokens[0].isGlobstar,
        tokens[1].kind == .literal, tokens[1].byte == ASCII.slash,
        !tokens.dropFirst(2).contains(where: { $0.isSlash || $0.isGlobstar })
      {
        var rest = body
        while rest.first == ASCII.asterisk { rest = rest.dropFirst() }
        basename = GlobProgram(rest.dropFirst())
      } else {
        let segments = PathSegment.split(program)
        // An empty segment needs an empty path component (a leading, trailing or double
        // slash), which no path has.
        let needsEmptyComponent = segments.contains {
          if case .literal(let bytes) = $0 { bytes.isEmpty } else { false }
        }
        if needsEmptyComponent {
          strategy = .never
        } else if let rest = Self.literalAfterGlobstar(tokens) {
          strategy = .pathSuffix(rest)
        } else {
          strategy = .anchored(segments)
        }
        basenameProgram = program
        return
      }
    }
    basenameProgram = basename
    if let literal = basename.literalBytes {
      strategy = .basenameLiteral(literal)
    } else if let suffix = basename.suffixAfterLeadingStar {
      strategy = .basenameSuffix(suffix)
    } else {
      strategy = .basenameGlob
    }
  }

  /// For `**/rest` (an unescaped `/` after the globstar) where `rest` is only fixed bytes: `rest`.
  /// git's wildmatch then matches `rest` at the start of the path (the `**/` shortcut) and after
  /// each `/`, and a literal matches only a text of its own length, so the pattern matches
  /// exactly the paths that are `rest` or end with `/` + `rest`.
  private static func literalAfterGlobstar(_ tokens: [GlobToken]) -> [UInt8]? {
    guard tokens.count >= 3, tokens[0].kind == .star, tokens[0].isGlobstar,
      tokens[1].kind == .literal, tokens[1].byte == ASCII.slash,
      tokens.dropFirst(2).allSatisfy(\.isFixedByte)
    else { return nil }
    return tokens.dropFirst(2).map(\.byte)
  }

  /// git's decision for one entry (`last_matching_pattern_from_list` for this pattern alone):
  /// the reference the strategies are tested against.
  func matches(path: UnsafeBufferPointer<UInt8>, nameStart: Int, isDirectory: Bool) -> Bool {
    if isDirectoryOnly && !isDirectory { return false }
    if matchesBasename {
      let name = UnsafeBufferPointer(rebasing: path[nameStart...])
      return Wildmatch.matches(program, text: name, pathname: false)
    }
    return Wildmatch.matches(program, text: path, pathname: true)
  }
}
