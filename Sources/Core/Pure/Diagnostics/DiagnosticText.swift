import Patterns

/// Helpers that put user-supplied values into message text safely, escaped as `EscapedText` does.
public enum DiagnosticText {
  /// `value` escaped and in backticks, such as `` `logs/` ``.
  public static func code(_ value: String) -> String {
    "`\(escaped(value))`"
  }

  /// A text that is already escaped (a display path, a pattern as the report keeps it) in backticks.
  public static func quoted(_ escaped: String) -> String {
    "`\(escaped)`"
  }

  /// Raw bytes shown as text, escaped and in backticks.
  public static func code(bytes: [UInt8]) -> String {
    "`\(escaped(bytes: bytes))`"
  }

  /// `value` with control and invisible direction characters escaped.
  public static func escaped(_ value: String) -> String {
    escaped(bytes: Array(value.utf8))
  }

  /// Raw bytes as text: valid UTF-8 is kept, control characters and invalid bytes are escaped.
  public static func escaped(bytes: [UInt8]) -> String {
    EscapedText.escaping(bytes)
  }

  /// A message from a library (which quotes and escapes what it shows itself): control characters escaped,
  /// backslashes kept.
  public static func message(_ value: String) -> String {
    EscapedText.escaping(Array(value.utf8), reversible: false)
  }

  /// A byte count for limits: `1 MiB (1048576 bytes)` for whole mebibytes, `64 KiB (65536 bytes)` for whole
  /// kibibytes, else `N bytes`.
  public static func byteCount(_ count: Int) -> String {
    let mebibyte = 1 << 20
    if count >= mebibyte && count % mebibyte == 0 {
      return "\(count / mebibyte) MiB (\(count) bytes)"
    }
    if count >= 1 << 10 && count % (1 << 10) == 0 {
      return "\(count >> 10) KiB (\(count) bytes)"
    }
    return count == 1 ? "1 byte" : "\(count) bytes"
  }
}
