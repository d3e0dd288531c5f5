import ChildProcessSupport
import Core
import Testing

/// Unknown keys cost one pass over the text, and at most 21 warnings.
@Suite(.spawnedTOMLParser) struct ConfigurationUnknownKeysTests {
  /// A table with `count` unknown keys `k0`, `k1`, … after one known key.
  static func text(unknownKeys count: Int) -> String {
    "[utility.group-writable]\npaths = []\n" + (0..<count).map { "k\($0) = 1\n" }.joined()
  }

  @Test func listsTwentyKeysAndCountsTheRest() throws {
    let settings = try #require(parseProject(Self.text(unknownKeys: 25)).value ?? nil)
    let listed = (0..<20).map { index in
      ConfigurationWarning.unknownKey(
        file: "project.toml", key: "k\(index)", line: index + 3, suggestion: nil)
    }
    #expect(settings.warnings == listed + [.moreUnknownKeys(file: "project.toml", count: 5)])
  }

  @Test func listsTwentyWithoutASummary() throws {
    let settings = try #require(parseProject(Self.text(unknownKeys: 20)).value ?? nil)
    #expect(settings.warnings.count == 20)
    #expect(!settings.warnings.contains(.moreUnknownKeys(file: "project.toml", count: 0)))
  }

  @Test func rendersTheSummary() {
    #expect(
      rendered(ConfigurationWarning.moreUnknownKeys(file: "project.toml", count: 29_980)) == """
        ! Warning: Unknown keys in `project.toml`
        !
        ! And 29,980 more unknown keys in `[utility.group-writable]`, ignored like the first 20 \
        listed above.
        !
        ! How to fix it:
        ! - Remove the keys that are not settings of this buildpack.

        """)
  }

  @Test func handlesAHugeKeyWithoutASuggestion() throws {
    let key = String(repeating: "x", count: 200_000)
    let settings = try #require(parseProject("[utility.group-writable]\n\(key) = 1\n").value ?? nil)
    #expect(
      settings.warnings == [.unknownKey(file: "project.toml", key: key, line: 2, suggestion: nil)])
  }

  @Test func scansTheTextOnceForThirtyThousandKeys() throws {
    let text = Self.text(unknownKeys: 30_000)
    let locator = KeyLocator(text: text)
    #expect(locator.linesScanned == 30_003)
    for index in stride(from: 0, to: 30_000, by: 1) {
      guard locator.line(of: ["utility", "group-writable", "k\(index)"]) == index + 3 else {
        Issue.record("k\(index) is not on line \(index + 3)")
        return
      }
    }
    #expect(locator.linesScanned == 30_003, "lookups do not scan")
    // No clock: the scan count above is the linear-time check, and a hang fails the run by its time limit.
    let settings = try #require(parseProject(text).value ?? nil)
    #expect(settings.warnings.count == 21)
    #expect(settings.warnings.last == .moreUnknownKeys(file: "project.toml", count: 29_980))
  }
}
