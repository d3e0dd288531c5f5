import ChildProcessSupport
import Core
import Patterns
import Testing

/// git ends a pattern at a NUL byte; the buildpack refuses one instead of selecting more than was written.
@Suite(.spawnedTOMLParser) struct NulInPatternsTests {
  @Test func refusesOneInThePathsFile() {
    let files = table("paths-file = \"writable.gitignore\"").merging(
      ["writable.gitignore": "/log/\n/storage/\u{0}private/\n"]) { $1 }
    #expect(
      decide(files).error
        == .nulInPatterns(origin: PatternOrigin(source: "writable.gitignore", line: 2)))
  }

  @Test(arguments: [
    ("/storage/\u{0}private/", 1), ("/tmp/\n/log/\n/storage/\u{0}", 3), ("/a/,/b\u{0}/", 1),
  ])
  func refusesOneInTheVariable(value: String, line: Int) {
    #expect(
      decide([:], ["BP_GROUP_WRITABLE_PATHS": value]).error
        == .nulInPatterns(origin: PatternOrigin(source: "BP_GROUP_WRITABLE_PATHS", line: line)))
  }

  @Test func refusesOneInThePatternsFile() {
    #expect(
      throws: ConfigurationError.nulInPatterns(origin: PatternOrigin(source: "p.txt", line: 1))
    ) {
      try Configuration.commandLine(
        options: [], file: ("p.txt", Array("/storage/\u{0}private/\n".utf8)), debug: false)
    }
  }

  @Test func rendersItWithTheLineAndTheFix() {
    #expect(
      rendered(.nulInPatterns(origin: PatternOrigin(source: "writable.gitignore", line: 2))) == """
        ! NUL byte in a pattern
        !
        ! Line 2 of `writable.gitignore` has a NUL byte. git ends a pattern at a NUL byte, so the pattern would \
        select more than what is written after it.
        !
        ! How to fix it:
        ! - Remove the NUL byte from that line (a file saved as UTF-16 has one in every other byte: save it as \
        UTF-8).

        """)
  }
}
