import Testing

@testable import Patterns

@Suite struct WildmatchTests {
  static func matches(_ pattern: String, _ text: String, pathname: Bool) -> Bool {
    let program = GlobProgram(tableBytes(pattern)[...])
    return tableBytes(text).withUnsafeBufferPointer {
      Wildmatch.matches(program, text: $0, pathname: pathname)
    }
  }

  @Test(arguments: wildmatchRows)
  func withPathname(_ row: WildmatchRow) {
    #expect(Self.matches(row.pattern, row.text, pathname: true) == row.pathname)
  }

  @Test(arguments: wildmatchRows)
  func withoutPathname(_ row: WildmatchRow) {
    #expect(Self.matches(row.pattern, row.text, pathname: false) == row.plain)
  }
}
