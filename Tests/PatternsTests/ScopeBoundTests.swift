import Testing

@testable import Patterns

/// The memory that `MatchScope`s hold along a deep path: shared globstar chunks, and the bound
/// `PatternSet.scopeStateBound` (anchored patterns plus their segments) whatever the depth.
@Suite struct ScopeBoundTests {
  static func set(_ lines: [String]) -> PatternSet {
    PatternSet(
      lines.enumerated().compactMap { index, line in
        PatternParser.parseLine(Array(line.utf8), origin: PatternOrigin(source: "t", line: index))
      })
  }

  /// The scopes of the root and of the directories `d`, `d/d`... down to `depth` (fewer when a
  /// directory is pruned).
  static func scopes(_ set: PatternSet, depth: Int) -> [MatchScope] {
    var scopes = [set.rootScope()]
    let name: [UInt8] = [UInt8(ascii: "d")]
    for _ in 0..<depth {
      guard
        let last = scopes.last,
        let next = name.withUnsafeBufferPointer({ set.scope(entering: $0, from: last) })
      else { break }
      scopes.append(next)
    }
    return scopes
  }

  /// `d/` repeated `count` times.
  static func dirs(_ count: Int) -> String { String(repeating: "d/", count: count) }

  /// (name, patterns, the states the scopes along `d/d/...` 1000 deep hold in all).
  static let cases: [(String, [String], Int)] = [
    // Every state is past a globstar from the root: one chunk for every level.
    ("glob rests", (1...200).map { "**/d*/\($0)" }, 200),
    // Literal rests are hash lookups: no state at all.
    ("literal rests", (1...200).map { "**/d/\($0)" }, 0),
    // 40 patterns reaching their globstar at depths 1...40: k progressing states each, then
    // one state each in the chunk of the level that reached it.
    ("globstars at different depths", (1...40).map { dirs($0) + "**/x" }, 820 + 40),
    // Patterns without a globstar are progressing at depths 0...k, then gone (`*.log` keeps
    // the deeper directories open).
    ("patterns that stop", (1...40).map { dirs($0) + "y" } + ["*.log"], 860),
    ("a pattern that stops at once", ["d/e/f/**/g", "*.log"], 2),
    (
      "all of them, with negations",
      (1...100).map { "**/d*/\($0)" } + (1...40).map { "!" + dirs($0) + "**/x" }
        + (1...40).map { dirs($0) + "y/" } + ["d/e/f/**/g", "**/d/z", "!**/q/d/z"],
      100 + 820 + 40 + 860 + 2
    ),
  ]

  @Test(arguments: cases)
  func statesAlongDeepPathStayWithinBound(_ name: String, _ lines: [String], _ held: Int) {
    let set = Self.set(lines)
    let scopes = Self.scopes(set, depth: 1000)
    #expect(scopes.count == 1001)
    let count = MatchScope.heldStates(scopes)
    #expect(count == held)
    #expect(count <= set.scopeStateBound)
  }

  @Test func siblingsShareTheParentsChunkWhenNoPatternReachesAGlobstar() throws {
    let set = Self.set(["**/a*/b", "x/**/c", "y/z"])
    let root = set.rootScope()
    func enter(_ name: String, from parent: MatchScope) -> MatchScope? {
      Array(name.utf8).withUnsafeBufferPointer { set.scope(entering: $0, from: parent) }
    }
    let x = try #require(enter("x", from: root))
    let y = try #require(enter("y", from: root))
    let q = try #require(enter("q", from: x))
    let rootChunk = try #require(root.globstar)
    let xChunk = try #require(x.globstar)
    #expect(y.globstar === rootChunk)
    #expect(xChunk !== rootChunk)
    #expect(xChunk.parent === rootChunk)
    #expect(q.globstar === xChunk)
    #expect(y.progressing.count == 1)
    #expect(x.progressing.isEmpty && q.progressing.isEmpty)
    #expect(xChunk.highestPattern == 1 && rootChunk.highestPattern == 0)
  }

  @Test func prunesOnlyWhenNoPositivePatternIsLeft() {
    let negatedOnly = Self.set(["!**/a*/b", "!x/**/c"])
    #expect(Self.scopes(negatedOnly, depth: 3).count == 1)
    let positiveInChunk = Self.set(["!**/a*/b", "d/**/c"])
    #expect(Self.scopes(positiveInChunk, depth: 500).count == 501)
  }

  @Test func longChainIsReleasedWithoutRecursion() {
    let state = MatchScope.AnchoredState(pattern: 0, slot: 0, matchedSegments: -1)
    let pattern = Self.set(["**/a*/b"]).anchoredPatterns[0]
    var chain: GlobstarChunk?
    var kept: GlobstarChunk?
    for level in 1...300_000 {
      chain = GlobstarChunk(
        states: [state], hasPositive: level == 1, parent: chain, pattern: { _ in pattern })
      if level == 1000 { kept = chain }
    }
    #expect(chain?.length == 300_000)
    #expect(chain?.hasPositive == true)
    chain = nil
    #expect(kept?.length == 1000)
    var count = 0
    var chunk = kept
    while let current = chunk {
      count += 1
      chunk = current.parent
    }
    #expect(count == 1000)
  }
}
