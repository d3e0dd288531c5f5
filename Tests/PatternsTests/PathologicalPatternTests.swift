import PatternOracle
import Testing

@testable import Patterns

/// Patterns that make a naive backtracking matcher (and git itself, for `**/` chains) take
/// exponential time. No timing here: the tests would hang if matching were exponential.
@Suite struct PathologicalPatternTests {
  static func matches(_ pattern: [UInt8], _ text: [UInt8], pathname: Bool) -> Bool {
    let program = GlobProgram(pattern[...])
    return text.withUnsafeBufferPointer {
      Wildmatch.matches(program, text: $0, pathname: pathname)
    }
  }

  static func decide(_ lines: [[UInt8]], _ path: [UInt8]) -> (index: Int, isSelected: Bool)? {
    let set = PatternSet(
      lines.enumerated().compactMap {
        PatternParser.parseLine($1, origin: PatternOrigin(source: "t", line: $0 + 1))
      })
    return set.decide(path: path, isDirectory: false)
  }

  static let deepPath = Array(repeating: "d", count: 30).joined(separator: "/")

  @Test func thousandsOfGlobstarSegments() {
    let pattern = Array((String(repeating: "**/", count: 1500) + "x").utf8)
    #expect(Self.matches(pattern, Array((Self.deepPath + "/x").utf8), pathname: true))
    #expect(!Self.matches(pattern, Array((Self.deepPath + "/y").utf8), pathname: true))
    #expect(!Self.matches(pattern, Array((Self.deepPath + "/y").utf8), pathname: false))
    #expect(Self.decide([pattern], Array((Self.deepPath + "/x").utf8))?.isSelected == true)
    #expect(Self.decide([pattern], Array((Self.deepPath + "/y").utf8)) == nil)
  }

  @Test func globstarChainsBetweenLiterals() {
    let pattern = Array(("a/" + String(repeating: "**/d/", count: 20) + "z").utf8)
    #expect(!Self.matches(pattern, Array(("a/" + Self.deepPath + "/y").utf8), pathname: true))
    #expect(Self.matches(pattern, Array(("a/" + Self.deepPath + "/z").utf8), pathname: true))
  }

  @Test func manyStarsBetweenRepeatedLiterals() {
    let pattern = Array(("*a*a*a*a*a*a*a*a*a*a*b").utf8)
    let text = [UInt8](repeating: UInt8(ascii: "a"), count: 5000)
    #expect(!Self.matches(pattern, text, pathname: false))
    #expect(Self.matches(pattern, text + [UInt8(ascii: "b")], pathname: true))
    #expect(Self.decide([pattern], Array(("x/" + String(repeating: "a", count: 200)).utf8)) == nil)
  }

  @Test func starsWithSlashesInPathnameMode() {
    let pattern = Array((String(repeating: "*a", count: 300) + "/b").utf8)
    let half = String(repeating: "a", count: 400)
    let text = Array((half + "/" + half).utf8)
    #expect(!Self.matches(pattern, text, pathname: true))
    #expect(!Self.matches(pattern, text, pathname: false))
  }

  @Test func questionMarksAndBracketsAfterStars() {
    let pattern = Array((String(repeating: "*?[a-z]", count: 200) + "!").utf8)
    let text = [UInt8](repeating: UInt8(ascii: "q"), count: 3000)
    #expect(!Self.matches(pattern, text, pathname: true))
    #expect(Self.matches(pattern, text + [UInt8(ascii: "!")], pathname: true))
  }

  @Test func manyPatternsOfEveryStrategy() {
    var lines: [[UInt8]] = []
    for index in 0..<1000 {
      lines.append(Array("name\(index)".utf8))
      lines.append(Array("*.ext\(index)".utf8))
      lines.append(Array("/dir\(index)/sub/".utf8))
      lines.append(Array("**/deep\(index)/**/leaf".utf8))
    }
    lines.append(Array("!name999".utf8))
    let set = PatternSet(
      lines.enumerated().compactMap {
        PatternParser.parseLine($1, origin: PatternOrigin(source: "t", line: $0 + 1))
      })
    let cases: [(String, Bool, WalkSimulation)] = [
      ("a/b/name17", false, .selected(68)),
      ("a/file.ext200", false, .selected(801)),
      ("dir5/sub/x", false, .selected(22)),
      ("dir5/sub", true, .selected(22)),
      ("dir5/sub", false, .unmatched),
      ("q/deep9/r/s/leaf", false, .selected(39)),
      ("name999", false, .reincluded(4000)),
      ("dir5/other/x", false, .unmatched),
    ]
    for (path, isDirectory, expected) in cases {
      let bytes = Array(path.utf8)
      let walk = WalkSimulation(set, path: bytes, isDirectory: isDirectory)
      #expect(walk == expected, "\(path)")
      #expect(walk.agrees(with: set.decide(path: bytes, isDirectory: isDirectory)), "\(path)")
    }
  }
}
