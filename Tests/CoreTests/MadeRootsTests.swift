import Patterns
import Testing

@testable import Core

/// Which writable roots a run made (and the start-up check makes again): found by display text, parsing only
/// the roots that match.
@Suite struct MadeRootsTests {
  static func path(_ text: String) -> RelativePath? { DisplayPath.path(of: text) }

  @Test(arguments: [
    (["tmp/", "log/", "tmp/pids/"], [("tmp/pids/x", 1)], ["tmp/", "tmp/pids/"]),
    (["tmp/", "tmp/pids/"], [("tmp/pids/x", 2)], ["tmp/pids/"]),
    (["tm/", "tmp/pid/", "tmp/pids"], [("tmp/pids", 1)], []),
    (["./", "tmp/pids/"], [("tmp/pids", 2)], ["tmp/pids/"]),
    (["tmp/", "a\\\\b/"], [], []),
    (["caf\u{e9}/"], [("cafe\u{301}/x", 1)], []),
    (["a\\\\b/"], [("a\\\\b/c", 1)], ["a\\\\b/"]),
  ])
  func findsTheRootsOnAMadeChainAtOrBelowItsFirstMadeDirectory(
    roots: [String], chains: [(String, Int)], expected: [String]
  ) {
    // Each chain as a run records it: the `create` path and the first directory made, `depth` names deep.
    let parsed = chains.compactMap { chain in
      Self.path(chain.0).map {
        let first = Array($0.components.prefix(chain.1).joined(separator: [UInt8(ascii: "/")]))
        return MadeDirectory(path: chain.0, first: DisplayPath.relative(first, isDirectory: false))
      }
    }
    #expect(parsed.count == chains.count)
    let made = ApplySelection.madeRoots(roots, made: parsed)
    #expect(made == expected.compactMap(Self.path))
    #expect(made.count == expected.count)
  }
}
