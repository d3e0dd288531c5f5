import ChildProcessSupport
import Core
import FileSystem
import Patterns
import Testing

/// Malformed `project.toml` texts: toml++'s errors, texts that abort the parser, NUL bytes and invalid UTF-8.
@Suite(.spawnedTOMLParser) struct ConfigurationMalformedFileTests {
  /// Malformed texts and toml++'s own error for each.
  static let malformedTexts: [(String, ConfigurationError)] = [
    (
      "[utility.group-writable]\nsetgid = \n",
      .malformedTOML(
        file: "project.toml", line: 2, column: 10,
        description: "Error while parsing key-value pair: expected value, saw '\\n'")
    ),
    (
      "[utility.group-writable\n",
      .malformedTOML(
        file: "project.toml", line: 1, column: 24,
        description: "Error while parsing table header: expected ']', saw '\\n'")
    ),
    (
      "[a]\n[a]\n",
      .malformedTOML(
        file: "project.toml", line: 2, column: 1,
        description: "Error while parsing table header: cannot redefine existing table 'a'")
    ),
    (
      "[utility.group-writable]\npaths = [\"/tmp/\"]\n\"paths\" = [\"/log/\"]\n",
      .malformedTOML(
        file: "project.toml", line: 3, column: 11,
        description: "Error while parsing key-value pair: cannot redefine existing array 'paths'")
    ),
    (
      "[utility.group-writable]\n\"a b\".'c\"d' = 1\n\"a b\".'c\"d' = 2\n",
      .malformedTOML(
        file: "project.toml", line: 3, column: 15,
        description: "Error while parsing key-value pair: cannot redefine existing integer "
          + "'\"a b\".\"c\\\"d\"'")
    ),
    (
      "[\"a b\"]\n[\"a b\"]\n",
      .malformedTOML(
        file: "project.toml", line: 2, column: 1,
        description: "Error while parsing table header: cannot redefine existing table '\"a b\"'")
    ),
  ]

  /// Texts on which toml++ 3.4.0 asserts (and aborts the process); TOMLParserGuard reports them.
  static let textsThatAbortTheParser: [(String, ConfigurationError)] = [
    (
      "[,]\n",
      .malformedTOML(
        file: "project.toml", line: 1, column: 2,
        description: "Error while parsing table header: expected bare key starting character "
          + "or string delimiter, saw ','")
    ),
    (
      "a = 1\n\n  [[[a]]]\n",
      .malformedTOML(
        file: "project.toml", line: 3, column: 5,
        description: "Error while parsing table header: expected bare key starting character "
          + "or string delimiter, saw '['")
    ),
    (
      "[utility.group-writable]\npaths = \"\"\"\n[._]*.swp\n\"\"\"\n[ \u{E9}]\n[\n",
      .malformedTOML(
        file: "project.toml", line: 5, column: 3,
        description: "Error while parsing table header: expected bare key starting character "
          + "or string delimiter, saw '\u{E9}'")
    ),
    (
      "[utility.group-writable]\npaths = [}}}\"/G\"\nenabled = true\n",
      .malformedTOML(
        file: "project.toml", line: 2, column: 10,
        description: "Error while parsing: unexpected '}' "
          + "(the TOML parser stopped here without a message)")
    ),
    (
      "a = 1\r\nb = [ 1, [}] ]\r\n",
      .malformedTOML(
        file: "project.toml", line: 2, column: 11,
        description: "Error while parsing: unexpected '}' "
          + "(the TOML parser stopped here without a message)")
    ),
    (
      "x = [\n  [1],\n]\n[\r\n",
      .malformedTOML(
        file: "project.toml", line: 4, column: 2,
        description: "Error while parsing table header: expected bare key starting character "
          + "or string delimiter, saw '\\r'")
    ),
  ]

  @Test(arguments: malformedTexts + textsThatAbortTheParser)
  func reportsMalformedTOML(text: String, expected: ConfigurationError) {
    #expect(parseProject(text).error == expected)
  }

  @Test func readsLinesThatOnlyLookLikeBadTableHeaders() throws {
    let text = #"""
      x = [
      [
      1], [ 2 ]]
      [utility.group-writable]
      paths = """
      [._]*.swp
      [!a]x
      [
      """

      """#
    let settings = try #require(parseProject(text).value ?? nil)
    #expect(settings.paths == .text("[._]*.swp\n[!a]x\n[\n"))
  }

  static let nulInString: [UInt8] = Array("a = 1\nb = \"x".utf8) + [0] + Array("\"\n".utf8)
  static let invalidInString: [UInt8] =
    Array("# é\nx = 'é".utf8) + [0xFF] + Array("'\n".utf8)
  static let surrogate: [UInt8] = Array("\n\n".utf8) + [0xED, 0xA0, 0x80]
  static let badTexts: [([UInt8], ConfigurationError)] = [
    (nulInString, .nulByte(file: "project.toml", line: 2, column: 7)),
    ([0], .nulByte(file: "project.toml", line: 1, column: 1)),
    (invalidInString, .invalidUTF8(file: "project.toml", line: 2, column: 7)),
    ([0xC3], .invalidUTF8(file: "project.toml", line: 1, column: 1)),
    (surrogate, .invalidUTF8(file: "project.toml", line: 3, column: 1)),
  ]

  @Test(arguments: badTexts)
  func rejectsNulBytesAndInvalidUTF8(bytes: [UInt8], expected: ConfigurationError) {
    #expect(parseProject(bytes: bytes).error == expected)
  }

  @Test func acceptsAByteOrderMark() {
    let bytes: [UInt8] =
      [0xEF, 0xBB, 0xBF] + Array("[utility.group-writable]\nsetgid = true\n".utf8)
    #expect(parseProject(bytes: bytes).value == ProjectSettings(setgid: true))
  }
}
