import Patterns
import Testing

@Suite struct ScopeTests {
  /// Enters the directories of `path` one by one from the root; false once a scope is nil.
  static func canEnter(_ set: PatternSet, _ path: String) -> Bool {
    var scope = set.rootScope()
    for component in path.split(separator: "/") {
      let name = tableBytes(String(component))
      guard let next = name.withUnsafeBufferPointer({ set.scope(entering: $0, from: scope) })
      else { return false }
      scope = next
    }
    return true
  }

  /// (patterns, directory path, whether the walker still opens it).
  // swift-format-ignore
  static let entered: [([String], String, Bool)] = [
    ([], "a", false),
    ([#"/tmp/"#], "src", false),
    ([#"/tmp/"#], "x", false),
    ([#"/a/b/c"#], "a", true),
    ([#"/a/b/c"#], "a/b", true),
    ([#"/a/b/c"#], "a/x", false),
    ([#"/a/b/c"#], "x", false),
    ([#"/a/b/c"#], "a/b/c", false),
    ([#"a/*/c"#], "a/x", true),
    ([#"a/*/c"#], "a/x/y", false),
    ([#"a/*/c"#], "b", false),
    ([#"*.log"#], "a/b/c", true),
    ([#"tmp/"#], "a/b/c", true),
    ([#"!/a"#], "b", false),
    ([#"!*.log"#], "b", false),
    ([#"/a/b"#, #"!/c"#], "c", false),
    ([#"/a/b"#, #"!**/c"#], "a", true),
    ([#"**/c"#], "x/y/z", true),
    ([#"**/c/d"#], "x/y/z", true),
    ([#"a/**"#], "a", true),
    ([#"a/**"#], "a/x/y", true),
    ([#"a/**"#], "b", false),
    ([#"a/**/b"#], "a/x/y", true),
    ([#"a/**/b"#], "x", false),
    ([#"/*/b"#], "x", true),
    ([#"/*/b"#], "x/y", false),
    ([#"/a*/b"#], "ab", true),
    ([#"/a*/b"#], "b", false),
    ([#"/a?/b"#], "ab", true),
    ([#"/a?/b"#], "abc", false),
    ([#"/[ab]/c"#], "b", true),
    ([#"/[ab]/c"#], "c", false),
    ([#"/[!ab]/c"#], "c", true),
    ([#"/[[:digit:]]/c"#], "7", true),
    ([#"/[[:digit:]]/c"#], "x", false),
    ([#"/\a/b"#], "a", true),
    ([#"a\/b"#], "a", true),
    ([#"a\/b"#], "b", false),
    ([#"**\/b"#], "x/y", true),
    ([#"foo**/bar"#], "foo", true),
    ([#"foo**/bar"#], "fooX", true),
    ([#"foo**/bar"#], "foo/x", false),
    ([#"/a/**/"#], "a/b/c", true),
    ([#"/a/b/"#], "a", true),
    ([#"/a/b/"#], "a/b", false),
    ([#"/a//b"#], "a", false),
    ([#"/[a"#], "a", false),
    ([#"/a/[b"#], "a", false),
    ([#"/a/b\"#], "a", false),
    ([#"!"#, #"/"#], "a", false),
    ([#"/a/b"#, #"c"#], "x", true),
    ([#"caf{xE9}/x"#], "caf{xE9}", true),
    ([#"caf{xE9}/x"#], "café", false),
  ]

  @Test(arguments: entered)
  func entersOnlyWhereSomethingCanBeSelected(_ patterns: [String], _ path: String, _ opens: Bool) {
    let set = PatternSet(
      patterns.enumerated().compactMap { index, line in
        PatternParser.parseLine(
          tableBytes(line), origin: PatternOrigin(source: "t", line: index + 1))
      })
    #expect(Self.canEnter(set, path) == opens)
  }
}
