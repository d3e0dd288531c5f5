/// toml++'s "cannot redefine existing …" message with the key as written on the line: toml++ prints a quoted
/// key mangled (`'"papaths" '` for `"paths"`), so the key is read again from the line the error names.
enum RedefinedKeyText {
  /// `description` with its quoted key replaced by the key of the header or `key = value` on line `line`;
  /// unchanged for any other message, or when that line holds no such key.
  static func repaired(_ description: String, text: String, line: Int) -> String {
    let marker = "cannot redefine existing "
    guard let markerRange = description.firstRange(of: marker),
      let quoteStart = description[markerRange.upperBound...].firstIndex(of: "'"),
      description.last == "'",
      let key = key(onLine: line, of: text)
    else { return description }
    return description[..<quoteStart] + "'" + key + "'"
  }

  /// The dotted key of the header or `key = value` on a 1-based line, each part shown as TOML would need it written.
  static func key(onLine line: Int, of text: String) -> String? {
    guard line >= 1 else { return nil }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard line <= lines.count else { return nil }
    let scalars = Array(lines[line - 1].unicodeScalars)
    let start = TOMLLineScanner.skipWhitespace(scalars, from: 0)
    let parts: [String]?
    if start < scalars.count && scalars[start] == "[" {
      parts = TOMLLineScanner.parseHeader(scalars, from: start)
    } else {
      parts = TOMLLineScanner.parseKeyValue(scalars, from: start)?.0
    }
    return parts.map { $0.map(shown).joined(separator: ".") }
  }

  private static func shown(_ part: String) -> String {
    let bare = !part.isEmpty && part.unicodeScalars.allSatisfy(TOMLLineScanner.isBareKeyScalar)
    guard !bare else { return part }
    let escaped = part.map { $0 == "\"" || $0 == "\\" ? "\\\($0)" : String($0) }.joined()
    return "\"" + escaped + "\""
  }
}
