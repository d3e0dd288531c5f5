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

  /// How the display path of `bytes` sorts against another display path, and which first bytes decided it.
  struct Decision: Equatable {
    /// -1, 0 or 1.
    let order: Int
    /// How many first bytes of the path decided the order, all displayed as they are (0: not those alone, as
    /// when the path ends first or its directory's `/` decided): every path that starts with them and goes on
    /// with a byte displayed as it is, or ends, sorts the same way.
    let decidingBytes: Int
  }

  /// How the display path of `bytes` sorts against `display`, decided without making it; nil when it cannot
  /// tell cheaply. Only printable ASCII other than a backslash is displayed as it is, and for such bytes the
  /// order of the bytes is the order of Swift's `String` comparison; so the bytes up to the first difference
  /// and the one after it (which could combine with it) must be such, the kept path's byte after the
  /// difference must be ASCII too, and what follows cannot change the answer.
  static func decision(
    of bytes: UnsafeBufferPointer<UInt8>, isDirectory: Bool, against display: String
  ) -> Decision? {
    guard let first = bytes.first else { return nil }
    // The usual answer, from the first bytes alone, without the kept path's storage.
    var theirBytes = display.utf8.makeIterator()
    if let theirs = theirBytes.next(), first != theirs, isVerbatim(first),
      bytes.count < 2 || isVerbatim(bytes[1]), theirBytes.next().map(cannotCombine) ?? true
    {
      return Decision(order: first < theirs ? -1 : 1, decidingBytes: 1)
    }
    var display = display
    // The kept path's bytes in place (a native string's own storage).
    return display.withUTF8 { theirs in
      let count = bytes.count + (isDirectory ? 1 : 0)
      func byte(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0x2F }
      func decided(_ order: Int, at index: Int) -> Decision {
        Decision(order: order, decidingBytes: index < bytes.count ? index + 1 : 0)
      }
      for index in 0..<count {
        let ours = byte(index)
        guard isVerbatim(ours) else { return nil }
        guard index < theirs.count else { return decided(1, at: index) }
        if ours != theirs[index] {
          if index + 1 < count && !isVerbatim(byte(index + 1)) { return nil }
          if index + 1 < theirs.count && !cannotCombine(theirs[index + 1]) { return nil }
          return decided(ours < theirs[index] ? -1 : 1, at: index)
        }
      }
      return Decision(order: count == theirs.count ? 0 : -1, decidingBytes: 0)
    }
  }

  /// Whether a byte of a display path cannot start a mark that combines with the character before it (ASCII).
  private static func cannotCombine(_ byte: UInt8) -> Bool { byte < 0x80 }

  /// Whether `byte` is displayed as it is: printable ASCII other than a backslash.
  static func isVerbatim(_ byte: UInt8) -> Bool {
    byte >= 0x20 && byte <= 0x7E && byte != 0x5C
  }
}
