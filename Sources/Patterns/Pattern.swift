/// One gitignore-format pattern as parsed by `PatternParser` (git's `parse_path_pattern`).
public struct Pattern: Hashable, Sendable {
  /// The line after git's trimming, as written (with a leading `!` and a trailing `/` if any).
  public let bytes: [UInt8]
  /// Where the pattern was written.
  public let origin: PatternOrigin
  /// Whether the pattern starts with `!` (re-includes what earlier patterns selected).
  public let isNegated: Bool
  /// Whether the pattern ends with `/` (matches directories only).
  public let isDirectoryOnly: Bool
  /// The pattern proper: `bytes` without the leading `!` and the trailing `/`.
  let body: ArraySlice<UInt8>
  /// Whether the body has no `/` at all, so it matches the last path component at any depth.
  let matchesBasename: Bool

  /// Creates a pattern from already-trimmed line bytes; `nil` when they are empty.
  init?(trimmedLine bytes: [UInt8], origin: PatternOrigin) {
    guard !bytes.isEmpty else { return nil }
    self.bytes = bytes
    self.origin = origin
    var start = bytes.startIndex
    var end = bytes.endIndex
    isNegated = bytes[start] == ASCII.exclamationMark
    if isNegated { start += 1 }
    isDirectoryOnly = end > start && bytes[end - 1] == ASCII.slash
    if isDirectoryOnly { end -= 1 }
    body = bytes[start..<end]
    matchesBasename = !body.contains(ASCII.slash)
  }

  /// Whether the pattern is anchored: it has a `/` before its end and matches the whole path.
  public var isAnchored: Bool { !matchesBasename }

  /// The pattern as text for logs, escaped as `EscapedText` does.
  public var displayText: String { EscapedText.escaping(bytes) }
}
