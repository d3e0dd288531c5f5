import CSystemShims

#if canImport(Glibc)
  import Glibc
#endif

/// Buffered writes to standard output and standard error, as bytes or text.
public enum StandardOutput {
  /// Writes raw bytes to standard output (buffered by the C library).
  public static func write(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress else { return }
    _ = fwrite(base, 1, bytes.count, gw_standard_output())
  }

  /// Writes text to standard output.
  public static func write(_ text: String) {
    var text = text
    text.withUTF8 { write($0) }
  }

  /// Writes text to standard output and flushes it, so log lines show as they happen.
  public static func writeLine(_ text: String) {
    write(text)
    flush()
  }

  /// Writes text to standard error, flushing standard output first so the two keep their order.
  public static func writeError(_ text: String) {
    fflush(gw_standard_output())
    var text = text
    text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return }
      _ = fwrite(base, 1, bytes.count, gw_standard_error())
    }
  }

  /// Flushes standard output.
  public static func flush() {
    fflush(gw_standard_output())
  }
}
