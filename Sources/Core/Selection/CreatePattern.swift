import Patterns

/// Turns a `create` directory into the anchored, directory-only pattern that selects exactly it.
enum CreatePattern {
  /// The source name shown for these patterns.
  static let source = "project.toml create"

  /// `/<path>/` with glob characters escaped, so `tmp/[id]` selects the directory literally named so.
  static func pattern(for path: String, index: Int) -> Pattern? {
    var bytes: [UInt8] = [UInt8(ascii: "/")]
    let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
    for (position, part) in parts.enumerated() {
      if position > 0 { bytes.append(UInt8(ascii: "/")) }
      for byte in part.utf8 {
        if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "[")
          || byte == UInt8(ascii: "\\")
        {
          bytes.append(UInt8(ascii: "\\"))
        }
        bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "/"))
    return PatternParser.parseLine(bytes, origin: PatternOrigin(source: source, line: index + 1))
  }
}
