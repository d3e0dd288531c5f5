/// One `/`-separated part of an anchored pattern, for deciding which directories it can reach.
enum PathSegment: Sendable {
  /// A globstar (`**` as a whole segment): zero or more directories.
  case globstar
  /// Exactly these bytes.
  case literal([UInt8])
  /// Tokens (no `/` among them) that must match one whole path component.
  case glob(Range<Int>)

  /// Whether the segment is a globstar.
  var isGlobstar: Bool {
    if case .globstar = self { return true }
    return false
  }

  /// Splits an anchored program at its `/` tokens.
  static func split(_ program: GlobProgram) -> [PathSegment] {
    var segments: [PathSegment] = []
    var start = 0
    let tokens = program.tokens
    for index in 0...tokens.count where index == tokens.count || tokens[index].isSlash {
      let part = tokens[start..<index]
      if part.count == 1, let only = part.first, only.kind == .star, only.isGlobstar {
        segments.append(.globstar)
      } else if part.allSatisfy(\.isFixedByte) {
        segments.append(.literal(part.map(\.byte)))
      } else {
        segments.append(.glob(start..<index))
      }
      start = index + 1
    }
    return segments
  }

  /// Whether the segment can match the path component `name` (never wrong about "no": a
  /// component that git matches with the whole pattern always passes).
  func admits(_ name: UnsafeBufferPointer<UInt8>, in program: GlobProgram) -> Bool {
    switch self {
    case .globstar:
      return true
    case .literal(let bytes):
      return bytes.count == name.count && bytes.elementsEqual(name)
    case .glob(let range):
      return Self.componentMatches(program, range, name)
    }
  }

  /// Classic glob matching of tokens without `/` against one component, where every star
  /// matches any run of bytes (a component has no `/`). Backtracks only to the last star, so
  /// it is linear in practice and quadratic at worst.
  private static func componentMatches(
    _ program: GlobProgram, _ range: Range<Int>, _ name: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    let tokens = program.tokens
    var index = range.lowerBound
    var position = 0
    var resumeIndex = -1
    var resumePosition = 0
    while position < name.count {
      if index < range.upperBound {
        let token = tokens[index]
        let current = name[position]
        switch token.kind {
        case .star:
          index += 1
          resumeIndex = index
          resumePosition = position
          continue
        case .literal, .escapedLiteral:
          if token.byte == current {
            index += 1
            position += 1
            continue
          }
        case .anyByte:
          index += 1
          position += 1
          continue
        case .bracket:
          if program.byteSets[Int(token.operand)].contains(current) {
            index += 1
            position += 1
            continue
          }
        case .malformed:
          return false
        }
      }
      guard resumeIndex >= 0 else { return false }
      resumePosition += 1
      index = resumeIndex
      position = resumePosition
    }
    while index < range.upperBound && tokens[index].kind == .star { index += 1 }
    return index == range.upperBound
  }
}
