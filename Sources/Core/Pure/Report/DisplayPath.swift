import Patterns

/// The text of a path relative to the app directory, for logs and reports, and back.
public enum DisplayPath {
  /// `./` for the app root, a trailing `/` for directories; escaped reversibly (`EscapedText`).
  public static func relative<Bytes: Collection>(_ bytes: Bytes, isDirectory: Bool) -> String
  where Bytes.Element == UInt8 {
    if bytes.isEmpty { return "./" }
    return EscapedText.escaping(Array(bytes)) + (isDirectory ? "/" : "")
  }

  /// The path a display path stands for (nil when it is not one: an escape that `relative` never writes, a `..`,
  /// an absolute path).
  public static func path(of display: String) -> RelativePath? {
    guard var bytes = EscapedText.unescaping(display) else { return nil }
    if bytes == [0x2E, 0x2F] { return .appDirectory }
    if bytes.last == 0x2F { bytes.removeLast() }
    return try? RelativePath(bytes: bytes)
  }

  /// How the display path of `bytes` sorts against `display` (-1, 0, 1), decided without making it; nil when
  /// it cannot tell cheaply: only a path of printable ASCII without a backslash is displayed as it is, and for
  /// such a text the order of its bytes is the order of Swift's `String` comparison.
  static func order(
    of bytes: UnsafeBufferPointer<UInt8>, isDirectory: Bool, against display: String
  ) -> Int? {
    guard !bytes.isEmpty else { return nil }
    for byte in bytes where byte < 0x20 || byte > 0x7E || byte == 0x5C { return nil }
    var theirs = display.utf8.makeIterator()
    let count = bytes.count + (isDirectory ? 1 : 0)
    for index in 0..<count {
      let ours = index < bytes.count ? bytes[index] : 0x2F
      guard let other = theirs.next() else { return 1 }
      if ours != other { return ours < other ? -1 : 1 }
    }
    return theirs.next() == nil ? 0 : -1
  }
}
