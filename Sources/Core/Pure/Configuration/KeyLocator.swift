/// Finds the line on which a key is defined, and the basic strings holding a NUL escape, in TOML
/// text, for messages and for the NUL check.
///
/// TOMLKit exposes no source positions, so this scans the text once, line by line, and builds an
/// index from key paths to lines: it follows table headers (`[a.b]`, `[ a . "b" ]`, `[[a.b]]`),
/// `key =` lines with bare, quoted and dotted keys, and inline tables (the line of the inline
/// table's key stands for every key inside it), and it skips the insides of strings, comments
/// and multi-line arrays. Looking a key up costs no scan. It does not check syntax: it is not a
/// TOML parser, and on text TOMLKit rejects its answers are best effort.
public struct KeyLocator {
  /// The deepest key path indexed: lookups of longer paths find nothing.
  public static let indexedDepth = 8

  /// A basic string holding a `\u0000` or `\U00000000` escape.
  public struct NulEscape: Equatable, Sendable {
    /// The 1-based line of the escape.
    public var line: Int
    /// The key path the string belongs to: the key it is part of, or the key whose value holds it
    /// (at most `indexedDepth` parts).
    public var keyPath: [String]

    /// Creates an entry.
    public init(line: Int, keyPath: [String]) {
      self.line = line
      self.keyPath = keyPath
    }
  }

  /// The first line defining each key path or something inside it (paths up to `indexedDepth`).
  private var firstLines: [[String]: Int] = [:]
  /// The first line of each key whose value is an inline table.
  private var inlineTables: [[String]: Int] = [:]
  /// Every NUL escape in a basic string, in line order.
  public private(set) var nulEscapes: [NulEscape] = []
  /// How many lines the one pass visited (for tests: lookups never scan).
  public private(set) var linesScanned = 0

  /// Scans `text` once and builds the index.
  public init(text: String) {
    var table: [String] = []
    var owner: [String] = []
    var state = TOMLLineScanner.State()
    for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
      linesScanned += 1
      var scalars = Array(line)
      if scalars.last == "\r" { scalars.removeLast() }
      scan(scalars, number: linesScanned, table: &table, owner: &owner, state: &state)
    }
  }

  /// The 1-based line that defines `keyPath` (such as `["utility", "group-writable", "paths"]`)
  /// or, when it is only defined implicitly, the first line defining something inside it;
  /// nil when not found.
  public func line(of keyPath: [String]) -> Int? {
    guard !keyPath.isEmpty, keyPath.count <= Self.indexedDepth else { return nil }
    var best = firstLines[keyPath]
    for length in 1...keyPath.count {
      if let line = inlineTables[Array(keyPath.prefix(length))] {
        best = min(best ?? line, line)
      }
    }
    return best
  }

  /// Scans one line (without its terminator), carrying the current table, the key whose value
  /// continues, and the value's state.
  private mutating func scan(
    _ line: [Unicode.Scalar], number: Int, table: inout [String], owner: inout [String],
    state: inout TOMLLineScanner.State
  ) {
    if state.continuesValue {
      if TOMLLineScanner.scanValue(line, from: 0, state: &state) { noteNul(number, owner) }
      return
    }
    let position = TOMLLineScanner.skipWhitespace(line, from: 0)
    if position < line.count, line[position] == "[",
      let header = TOMLLineScanner.parseHeader(line, from: position)
    {
      table = Array(header.prefix(Self.indexedDepth))
      owner = table
      record(table, line: number)
      if header.contains(where: Self.hasNul) { noteNul(number, table) }
      return
    }
    if let (key, valueStart) = TOMLLineScanner.parseKeyValue(line, from: position) {
      let full = Array((table + key.prefix(Self.indexedDepth)).prefix(Self.indexedDepth))
      record(full, line: number)
      if key.contains(where: Self.hasNul) { noteNul(number, full) }
      let valuePosition = TOMLLineScanner.skipWhitespace(line, from: valueStart)
      if valuePosition < line.count, line[valuePosition] == "{", inlineTables[full] == nil {
        inlineTables[full] = number
      }
      owner = full
      if TOMLLineScanner.scanValue(line, from: valueStart, state: &state) { noteNul(number, full) }
      return
    }
    if TOMLLineScanner.scanValue(line, from: position, state: &state) { noteNul(number, owner) }
  }

  /// Records `line` as the first line of `path` and of each of its prefixes not seen yet.
  private mutating func record(_ path: [String], line: Int) {
    guard !path.isEmpty else { return }
    for length in 1...path.count where firstLines[Array(path.prefix(length))] == nil {
      firstLines[Array(path.prefix(length))] = line
    }
  }

  /// Notes a NUL escape at `line` in a string belonging to `keyPath`.
  private mutating func noteNul(_ line: Int, _ keyPath: [String]) {
    nulEscapes.append(NulEscape(line: line, keyPath: keyPath))
  }

  /// Whether a decoded key holds a NUL character.
  private static func hasNul(_ key: String) -> Bool {
    key.unicodeScalars.contains("\u{0}")
  }
}
