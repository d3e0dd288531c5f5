import PatternOracle
import Patterns
import Testing

/// Compares the walker's view (scopes, pruning, `lastMatch` strategies) with `decide` (git's
/// rules applied pattern by pattern) for every path over a small alphabet and many pattern lists.
@Suite struct BruteForceTests {
  static let names = ["a", "b", "ab", "c.d", "tmp"]

  // swift-format-ignore
  static let pool = [
    #"a"#, #"/a"#, #"a/"#, #"/a/"#, #"a/b"#, #"/a/b/"#, #"*.d"#, #"*"#, #"a*"#, #"/a*/b"#,
    #"a/**"#, #"**/b"#, #"a/**/b"#, #"**/a/"#, #"!a"#, #"!/a/b"#, #"!**/b"#, #"!*.d"#, #"b/"#,
    #"/*/b"#, #"?"#, #"/?/?"#, #"a?"#, #"[ab]"#, #"/[ab]/tmp"#, #"tmp/"#, #"**"#, #"/**/tmp"#,
    #"a**"#, #"a**/b"#, #"a/b**"#, #"\a"#, #"a\/b"#, #"**\/b"#, #"/b/*/"#, #"*/"#, #"!*/"#,
    #"a/*/c.d"#, #"**/*.d"#, #"!tmp"#, #"/tmp/**/a"#, #"ab/"#, #"/*"#, #"!/*/"#, #"**/a/b"#,
    #"b/**/"#, #"*/tmp"#, #"[!a]*"#, #"/a/b/c.d"#, #"c.d/"#, #"!/ab"#, #"a/**/**/tmp"#,
    #"**/a/b/"#, #"!**/b/tmp"#, #"**/ab/c.d"#, #"!**/a/b"#, #"**/b/a/b"#, #"!a/**/c.d"#,
  ]

  static var paths: [[UInt8]] {
    var result: [[UInt8]] = []
    var level: [[UInt8]] = [[]]
    for _ in 1...3 {
      level = level.flatMap { prefix -> [[UInt8]] in
        names.map { name -> [UInt8] in
          prefix.isEmpty ? Array(name.utf8) : prefix + [UInt8(ascii: "/")] + Array(name.utf8)
        }
      }
      result += level
    }
    return result
  }

  static func set(_ lines: [String]) -> PatternSet {
    PatternSet(
      lines.enumerated().compactMap { index, line in
        PatternParser.parseLine(Array(line.utf8), origin: PatternOrigin(source: "t", line: index))
      })
  }

  static func check(_ lines: [String], _ paths: [[UInt8]]) {
    let set = set(lines)
    for path in paths {
      for isDirectory in [false, true] {
        let walk = WalkSimulation(set, path: path, isDirectory: isDirectory)
        let decision = set.decide(path: path, isDirectory: isDirectory)
        if !walk.agrees(with: decision) {
          let message: String =
            "\(lines) \(String(decoding: path, as: UTF8.self)) dir=\(isDirectory): walk \(walk), "
            + "decide \(String(describing: decision))"
          Issue.record("\(message)")
          return
        }
      }
    }
  }

  @Test func singlePatterns() {
    let paths = Self.paths
    for line in Self.pool { Self.check([line], paths) }
  }

  /// Seeded pattern lists of `count` patterns from the pool.
  @Test(arguments: [(2, 700), (3, 400), (5, 150)])
  func seededPatternLists(count: Int, lists: Int) {
    Self.checkSeededLists(of: count, lists, from: Self.pool, seed: 0x9E37_79B9_7F4A_7C15)
  }

  /// Checks `lists` pattern lists of `count` patterns drawn from `pool` by a generator seeded with `seed`.
  static func checkSeededLists(of count: Int, _ lists: Int, from pool: [String], seed: UInt64) {
    let paths = Self.paths
    var state = seed &+ UInt64(count)
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33) % pool.count
    }
    for _ in 0..<lists {
      check((0..<count).map { _ in pool[next()] }, paths)
    }
  }

  /// Patterns past a globstar from the root with a glob segment before the last one, so none is a
  /// hash lookup: with 16 or more in a chunk, entries try them through `GlobstarNameIndex` (by
  /// literal last segment, by fixed suffix, by fixed prefix, or one by one).
  // swift-format-ignore
  static let globstarPool = [
    #"**/a*/b"#, #"**/a*/tmp"#, #"!**/a*/tmp"#, #"**/?/c.d"#, #"**/[ab]/tmp"#, #"**/a?/b"#,
    #"**/*/ab"#, #"!**/*/ab"#, #"**/a*/*"#, #"**/*/*.d"#, #"**/[!t]*/a"#, #"**/a*/b/"#,
    #"!**/?/b"#, #"**/*b/tmp"#, #"**/a/**/b"#, #"**/a*/**/c.d"#, #"**/?b/a"#, #"**/t*/ab"#,
    #"!**/a*/c.d"#, #"**/a*/a"#, #"**/*/**"#, #"**/b*/b"#, #"**/a*/tmp/"#, #"!**/[ab]/b"#,
    #"**/a*/*b"#, #"!**/*/*.d"#, #"**/*/a*b"#, #"**/a*/[ab]b"#, #"**/*/?.d"#, #"!**/t*/*p"#,
    #"**/a*/t*"#, #"**/*/ab*"#, #"!**/*/t*"#, #"**/?/c*"#, #"**/a*/a*/"#, #"!**/a*/ab*"#,
    #"**/*/a?*"#, #"**/b*/tm*"#, #"**/*/*m?"#, #"**/a*/?b*"#, #"**/a*/*.?"#, #"!**/*/?m*"#,
    #"**/*/[ct]?d"#, #"**/b*/*a[b]"#, #"**/*/?.*"#, #"!**/a*/*[a-c].?"#, #"**/*/*m*"#,
    #"!**/a*/*.*"#, #"**/b*/*b*"#,
  ]

  /// Patterns on the last component that are neither a name nor `*` + fixed bytes: with 16 or more,
  /// entries try them through `BasenameGlobIndex` (by the fixed bytes they start with, or one by
  /// one).
  // swift-format-ignore
  static let basenameGlobPool = [
    #"a*"#, #"ab*"#, #"t*"#, #"tm*"#, #"c.*"#, #"!a*"#, #"a?*"#, #"[ab]*"#, #"a*b"#, #"b*/"#,
    #"!t*"#, #"c*"#, #"?*"#, #"!ab*"#, #"a*/"#, #"t?p"#, #"*[bd]"#, #"!c.*"#, #"tmp*"#, #"b?"#,
    #"!?b*"#, #"a*.d"#, #"!*[p]"#, #"ab?*"#, #"*.?"#, #"*m?"#, #"?b*"#, #"!?m*"#, #"*[.]d"#,
    #"[ct]?d"#, #"*a[b]"#, #"!*.?"#, #"?.*"#, #"*[a-c].[d]"#, #"?*m?"#, #"[!a]b*"#, #"*m*"#,
    #"!*.*"#, #"*b*/"#, #"*?m?*"#,
  ]

  @Test(arguments: [(16, 150), (24, 60)])
  func manyBasenameGlobsAgreeThroughTheLiteralIndex(count: Int, lists: Int) {
    Self.check(Self.basenameGlobPool, Self.paths)
    Self.checkSeededLists(
      of: count, lists, from: Self.basenameGlobPool, seed: 0x8CB9_2BA7_2F3D_8DD7)
  }

  @Test(arguments: [(16, 150), (24, 60)])
  func manyGlobstarPatternsAgreeThroughTheNameIndex(count: Int, lists: Int) {
    Self.check(Self.globstarPool, Self.paths)
    Self.checkSeededLists(of: count, lists, from: Self.globstarPool, seed: 0xD1B5_4A32_D192_ED03)
  }
}
