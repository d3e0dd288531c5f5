import Core
import Testing

@Suite struct ConfigurationKeyLocatorTests {
  static let setgid = ["utility", "group-writable", "setgid"]
  static let table = ["utility", "group-writable"]

  @Test(arguments: [
    // Plain header and key.
    ("[utility.group-writable]\nsetgid = true\n", setgid, 2),
    // The table itself.
    ("# comment\n\n[utility.group-writable]\nsetgid = true\n", table, 3),
    // Spaced and quoted headers.
    ("[ utility . \"group-writable\" ]\n\nsetgid = true\n", setgid, 3),
    ("['utility'.'group-writable']\nsetgid=true\n", setgid, 2),
    ("[utility.\"group-writable\"] # settings\nsetgid = true\n", setgid, 2),
    ("  [utility.group-writable]\n  setgid = true\n", setgid, 2),
    // Quoted keys, escapes in quoted keys, no spaces.
    ("[utility.group-writable]\n\"setgid\" = true\n", setgid, 2),
    ("[utility.group-writable]\n'setgid'=true\n", setgid, 2),
    ("[utility.group-writable]\n\"set\\u0067id\" = true\n", setgid, 2),
    // Dotted keys in the parent table and at the root.
    ("[utility]\nother = 1\ngroup-writable.setgid = true\n", setgid, 3),
    ("utility.group-writable.setgid = true\n", setgid, 1),
    ("utility . \"group-writable\" . setgid = true\n", setgid, 1),
    // Inline tables: the line of the key holding the inline table.
    ("[utility]\ngroup-writable = { paths = [\"a\"], setgid = true }\n", setgid, 2),
    ("utility = { group-writable = { setgid = true } }\n", setgid, 1),
    // Array of tables header.
    ("[[utility.group-writable]]\nsetgid = true\n", table, 1),
    // A sub-table header defines its parent key implicitly.
    ("[utility.group-writable.extra]\nx = 1\n", ["utility", "group-writable", "extra"], 1),
    ("[utility.group-writable.extra]\nx = 1\n", table, 1),
    // The same key in another table does not count.
    ("[other]\nsetgid = 1\n[utility.group-writable]\nsetgid = true\n", setgid, 4),
    // Multi-line strings hide lines that look like headers or keys.
    (
      "[utility.group-writable]\npaths = \"\"\"\n[Ll]ogs/\nsetgid = 1\n\"\"\"\nsetgid = true\n",
      setgid, 6
    ),
    (
      "[utility.group-writable]\npaths = '''\n[other]\n'''\nsetgid = true\n",
      setgid, 5
    ),
    (
      "[utility.group-writable]\npaths = \"\"\"a\\\"\"\"\n[x]\n\"\"\"\nsetgid = true\n",
      setgid, 5
    ),
    (
      "[utility.group-writable]\npaths = \"\"\"\nends with quotes\"\"\"\"\"\nsetgid = true\n",
      setgid, 4
    ),
    // Strings and comments that contain quotes do not open multi-line strings.
    ("[utility.group-writable]\nx = \"'''\"\ny = '\"\"\"'\nsetgid = true\n", setgid, 4),
    ("[utility.group-writable]\nx = 1 # \"\"\"\nsetgid = true\n", setgid, 3),
    ("[utility.group-writable]\nx = \"a\\\"\"\nsetgid = true\n", setgid, 3),
    // Multi-line arrays with strings holding `=` and brackets.
    (
      "[utility.group-writable]\npaths = [\n  \"a = b\",\n  \"[c]\",\n]\nsetgid = true\n",
      setgid, 6
    ),
    (
      "[utility.group-writable]\npaths = [\n  \"\"\"\n[d]\n\"\"\",\n]\nsetgid = true\n",
      setgid, 7
    ),
    // CRLF line endings.
    ("[utility.group-writable]\r\n\r\nsetgid = true\r\n", setgid, 3),
  ])
  func findsTheLine(text: String, keyPath: [String], line: Int) {
    #expect(KeyLocator(text: text).line(of: keyPath) == line)
  }

  @Test(arguments: [
    // Missing entirely.
    ("[utility.group-writable]\npaths = []\n", setgid),
    // In a later table.
    ("[utility.group-writable]\n[next]\nsetgid = true\n", setgid),
    // Only inside a string.
    ("x = \"\"\"\n[utility.group-writable]\nsetgid = true\n\"\"\"\n", setgid),
    ("", table),
  ])
  func reportsMissingKeys(text: String, keyPath: [String]) {
    #expect(KeyLocator(text: text).line(of: keyPath) == nil)
  }

  @Test(arguments: [
    // Lines of a multi-line array are values, even when they look like a header or a key.
    ("x = [\n  [\"utility\"],\n]\n[utility.group-writable]\nsetgid = true\n", setgid, 5),
    ("x = [\n  { a = 1 },\n  [1, [2]],\n]\nsetgid = 1\n", ["setgid"], 5),
    ("[utility.group-writable]\npaths = [\n\"a\",\n]\nsetgid = true\n", setgid, 5),
  ])
  func skipsTheLinesOfMultiLineArrays(text: String, keyPath: [String], line: Int) {
    #expect(KeyLocator(text: text).line(of: keyPath) == line)
  }

  @Test func doesNotTakeAnArrayLineForAHeader() {
    let locator = KeyLocator(text: "x = [\n  [\"utility\"],\n]\n")
    #expect(locator.line(of: ["utility"]) == nil)
    #expect(locator.line(of: ["x"]) == 1)
  }

  @Test func findsNothingDeeperThanTheIndex() {
    let path = (1...9).map { "k\($0)" }
    let locator = KeyLocator(text: path.joined(separator: ".") + " = 1\n")
    #expect(KeyLocator.indexedDepth == 8)
    #expect(locator.line(of: Array(path.prefix(8))) == 1)
    #expect(locator.line(of: path) == nil)
    #expect(locator.line(of: []) == nil)
  }

  @Test(arguments: [
    (#"a = "\u0000""#, [KeyLocator.NulEscape(line: 1, keyPath: ["a"])]),
    (#"a = "\U00000000""#, [KeyLocator.NulEscape(line: 1, keyPath: ["a"])]),
    (#"a = "\\u0000""#, []),
    (#"a = '\u0000'"#, []),
    (#"a = "\u0001""#, []),
    ("a = '''\n\\u0000\n'''\n", []),
    (
      "[t]\nb = \"\"\"\nx\n\\u0000\n\"\"\"\n", [KeyLocator.NulEscape(line: 4, keyPath: ["t", "b"])]
    ),
    ("c = [\n  \"ok\",\n  \"\\u0000\",\n]\n", [KeyLocator.NulEscape(line: 3, keyPath: ["c"])]),
    (#"["t\u0000"]"#, [KeyLocator.NulEscape(line: 1, keyPath: ["t\u{0}"])]),
    (#""k\u0000".x = 1"#, [KeyLocator.NulEscape(line: 1, keyPath: ["k\u{0}", "x"])]),
    (#"a = 1 # "\u0000""#, []),
  ])
  func findsNulEscapesInBasicStrings(text: String, escapes: [KeyLocator.NulEscape]) {
    #expect(KeyLocator(text: text).nulEscapes == escapes)
  }
}
