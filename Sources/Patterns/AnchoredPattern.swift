/// A pattern matched against the whole path, followed through directories with its segments.
struct AnchoredPattern: Sendable {
  /// The pattern index.
  let index: Int
  /// Whether the pattern re-includes (`!`).
  let isNegated: Bool
  /// Whether the pattern matches directories only.
  let isDirectoryOnly: Bool
  /// The `/`-separated segments.
  let segments: [PathSegment]
  /// The number of segments.
  let segmentCount: Int
  /// For a pattern without wildcards: its last segment, which is all that is left to compare
  /// once the directories have matched the others.
  let literalName: [UInt8]?
  /// The program for the whole path.
  let program: GlobProgram
  /// The last segment when it has no wildcard: a path's last component must equal it to match.
  let lastLiteral: [UInt8]?
  /// For `**/rest` where `rest` has no other `**`: the program of `rest`, which matches exactly as many
  /// components as it has segments, so it needs to run only on the path's last ones (the state
  /// past the globstar then needs no whole-path match, which costs as much as the path is long).
  let globstarRest: GlobProgram?
  /// Otherwise, the fixed bytes a path's last component must hold at a fixed place to match
  /// (`.log` of `*.log`, `cache-` of `cache-*`); nil when there are none.
  let lastNameLiteral: NameLiteral?

  init(
    index: Int, isNegated: Bool, isDirectoryOnly: Bool, segments: [PathSegment],
    literalName: [UInt8]?, program: GlobProgram
  ) {
    self.index = index
    self.isNegated = isNegated
    self.isDirectoryOnly = isDirectoryOnly
    self.segments = segments
    segmentCount = segments.count
    self.literalName = literalName
    self.program = program
    globstarRest = Self.restAfterLeadingGlobstar(segments, program)
    switch segments.last {
    case .literal(let bytes):
      lastLiteral = bytes
      lastNameLiteral = nil
    case .glob(let range):
      lastLiteral = nil
      lastNameLiteral = NameLiteral(program.tokens[range])
    default:
      lastLiteral = nil
      lastNameLiteral = nil
    }
  }

  /// The program after a leading globstar's `/`, when no later token is a run of asterisks (an
  /// escaped `\/` is left to the whole-path match: git's "no directory" shortcut skips only `/`).
  private static func restAfterLeadingGlobstar(_ segments: [PathSegment], _ program: GlobProgram)
    -> GlobProgram?
  {
    guard segments.count >= 2, segments[0].isGlobstar,
      let slash = program.tokens.firstIndex(where: \.isSlash),
      program.tokens[slash].kind == .literal,
      !program.tokens[slash...].contains(where: { $0.kind == .star && $0.isRun })
    else { return nil }
    return program.suffix(from: slash + 1)
  }

  /// The state of the pattern in the root directory.
  var rootState: Int32 { segments.first?.isGlobstar == true ? -1 : 0 }
}
