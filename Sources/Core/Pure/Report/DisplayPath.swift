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
}
