/// A path inside the app directory, normalised: no empty or `.` components, no `..`, no NUL, not absolute.
///
/// The one place paths from configuration and the command line are split and checked (`create` entries,
/// `ephemeral` entries, `check` arguments, roots read back from a report).
public struct RelativePath: Hashable, Sendable, CustomStringConvertible {
  /// Why a text is not a usable relative path.
  public enum Problem: Error, Equatable, Sendable {
    /// The text is empty.
    case empty
    /// It starts with `/`.
    case absolute
    /// It has a `..` component.
    case parentComponent
    /// It contains a NUL byte.
    case nulByte
    /// It names the app directory itself (such as `.` or `./`).
    case appDirectory
  }

  /// The components, each non-empty and neither `.` nor `..`; empty for the app directory.
  public let components: [[UInt8]]

  /// The app directory itself.
  public static let appDirectory = RelativePath(components: [])

  private init(components: [[UInt8]]) { self.components = components }

  /// Normalises `text` (`./tmp//cache/` is `tmp/cache`); the app directory itself is a problem unless allowed.
  public init(_ text: String, allowingAppDirectory: Bool = false) throws(Problem) {
    try self.init(bytes: Array(text.utf8), allowingAppDirectory: allowingAppDirectory)
  }

  /// Normalises raw bytes the same way.
  public init(bytes: [UInt8], allowingAppDirectory: Bool = false) throws(Problem) {
    if bytes.isEmpty && !allowingAppDirectory { throw .empty }
    if bytes.contains(0) { throw .nulByte }
    if bytes.first == ASCII.slash { throw .absolute }
    let parts = bytes.split(separator: ASCII.slash).map(Array.init).filter { $0 != [ASCII.dot] }
    if parts.contains([ASCII.dot, ASCII.dot]) { throw .parentComponent }
    if parts.isEmpty && !allowingAppDirectory { throw .appDirectory }
    components = parts
  }

  /// Whether this is the app directory itself.
  public var isAppDirectory: Bool { components.isEmpty }

  /// The components joined by `/` (empty for the app directory).
  public var bytes: [UInt8] {
    var result: [UInt8] = []
    for (index, component) in components.enumerated() {
      if index > 0 { result.append(ASCII.slash) }
      result += component
    }
    return result
  }

  /// The path as text (invalid UTF-8 repaired; for messages use `EscapedText`).
  public var description: String { String(decoding: bytes, as: UTF8.self) }

  /// The path made of the first `count` components.
  public func prefix(_ count: Int) -> RelativePath {
    RelativePath(components: Array(components.prefix(count)))
  }

  /// The path's parent (nil for the app directory).
  public var parent: RelativePath? {
    isAppDirectory ? nil : RelativePath(components: Array(components.dropLast()))
  }

  /// The anchored, directory-only gitignore pattern text that selects exactly this directory: `/tmp/pids/`, with
  /// glob characters and backslashes escaped so `tmp/[id]` means the directory literally named so.
  public var directoryPatternBytes: [UInt8] {
    var result: [UInt8] = [ASCII.slash]
    for byte in bytes {
      if byte == ASCII.asterisk || byte == ASCII.questionMark || byte == ASCII.leftBracket
        || byte == ASCII.backslash
      {
        result.append(ASCII.backslash)
      }
      result.append(byte)
    }
    result.append(ASCII.slash)
    return result
  }
}
