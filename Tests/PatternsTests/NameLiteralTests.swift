import Testing

@testable import Patterns

/// The fixed bytes a one-component glob needs at a fixed place of a name, and the groups a name
/// finds by them.
@Suite struct NameLiteralTests {
  /// (glob, the literal: `start+N:` or `end-N:` then its bytes, or `none`).
  // swift-format-ignore
  static let rows: [(String, String)] = [
    (#"cache-*"#, "start+0:cache-"),
    (#"*.log"#, "end-0:.log"),
    (#"*.log.[0-9]"#, "end-1:.log."),
    (#"*.log.?"#, "end-1:.log."),
    (#"?ake*"#, "start+1:ake"),
    (#"[Mm]akefile"#, "start+1:akefile"),
    (#"a*bc"#, "end-0:bc"),
    (#"ab*c"#, "start+0:ab"),
    (#"ab*cd"#, "start+0:ab"),
    (#"x?yz*w"#, "start+2:yz"),
    (#"*[0-9]"#, "none"),
    (#"*cache*"#, "anywhere:cache"),
    (#"*a*bcd*e"#, "anywhere:bcd"),
    (#"ab*cd*e"#, "start+0:ab"),
    (#"*a?b*"#, "anywhere:a"),
    (#"**x**"#, "anywhere:x"),
    (#"?*?"#, "none"),
    (#"a*b*c"#, "start+0:a"),
    (#"*x*yz"#, "end-0:yz"),
    (#"\*a*"#, "start+0:*a"),
    (#"*\?[ab]"#, "end-1:?"),
    (#"**.gz"#, "end-0:.gz"),
    (#"[ab"#, "none"),
    (#"ab[c"#, "start+0:ab"),
  ]

  static func described(_ literal: NameLiteral?) -> String {
    guard let literal else { return "none" }
    let bytes = String(decoding: literal.bytes, as: UTF8.self)
    switch literal.anchor {
    case .start: return "start+\(literal.distance):" + bytes
    case .end: return "end-\(literal.distance):" + bytes
    case .anywhere: return "anywhere:" + bytes
    }
  }

  @Test(arguments: rows)
  func findsTheLongestFixedRunAtAFixedPlace(_ glob: String, _ expected: String) {
    let program = GlobProgram(Array(glob.utf8)[...])
    #expect(Self.described(NameLiteral(program.tokens[...])) == expected)
  }

  /// (name, the elements whose groups it finds, in the order found).
  // swift-format-ignore
  static let lookups: [(String, [String])] = [
    ("cache-1", ["cache-*", "*ache*"]),
    ("app.log", ["*.log"]),
    ("app.log.3", ["*.log.[0-9]"]),
    ("make", ["?ake*", "*ke"]),
    ("ake", ["*ke"]),
    ("", []),
    (".log", ["*.log"]),
    ("x.log.", []),
    ("tmp.cache", ["*ache*"]),
    ("acheache", ["*ache*"]),
  ]

  @Test(arguments: lookups)
  func aNameFindsTheGroupsOfTheLiteralsItHolds(_ name: String, _ expected: [String]) {
    let globs = ["cache-*", "*.log", "*.log.[0-9]", "?ake*", "*ke", "*[0-9]", "*ache*"]
    let groups = NameLiteralGroups(
      globs.compactMap { glob in
        NameLiteral(GlobProgram(Array(glob.utf8)[...]).tokens[...]).map { ($0, glob) }
      })
    var found: [String] = []
    Array(name.utf8).withUnsafeBufferPointer { name in
      groups.forEachGroup(in: name) { found += $0 }
    }
    #expect(found == expected)
  }
}
