/// The text of a path relative to the app directory, for logs and reports.
public enum DisplayPath {
  /// `./` for the app root, a trailing `/` for directories; control characters and invalid UTF-8 escaped.
  public static func relative<Bytes: Collection>(_ bytes: Bytes, isDirectory: Bool) -> String
  where Bytes.Element == UInt8 {
    if bytes.isEmpty { return "./" }
    return DiagnosticText.escaped(bytes: Array(bytes)) + (isDirectory ? "/" : "")
  }
}
