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
  /// it cannot tell cheaply. Only printable ASCII other than a backslash is displayed as it is, and for such
  /// bytes the order of the bytes is the order of Swift's `String` comparison; so the bytes up to the first
  /// difference and the one after it (which could combine with it) must be such, the kept path's byte after the
  /// difference must be ASCII too, and what follows cannot change the answer.
  static func order(
    of bytes: UnsafeBufferPointer<UInt8>, isDirectory: Bool, against display: String
  ) -> Int? {
    guard let first = bytes.first else { return nil }
    // The usual answer, from the first bytes alone, without the kept path's storage: a full sample compares
    // every entry it sees against its largest path, and most differ at once.
    var theirBytes = display.utf8.makeIterator()
    if let theirs = theirBytes.next(), first != theirs, isVerbatim(first),
      bytes.count < 2 || isVerbatim(bytes[1]), theirBytes.next().map(cannotCombine) ?? true
    {
      return first < theirs ? -1 : 1
    }
    var display = display
    // The kept path's bytes in place (a native string's own storage): this runs for every entry a full
    // sample sees, and usually ends at the first bytes.
    return display.withUTF8 { theirs in
      let count = bytes.count + (isDirectory ? 1 : 0)
      func byte(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0x2F }
      for index in 0..<count {
        let ours = byte(index)
        guard isVerbatim(ours) else { return nil }
        guard index < theirs.count else { return 1 }
        if ours != theirs[index] {
          if index + 1 < count && !isVerbatim(byte(index + 1)) { return nil }
          if index + 1 < theirs.count && !cannotCombine(theirs[index + 1]) { return nil }
          return ours < theirs[index] ? -1 : 1
        }
      }
      return count == theirs.count ? 0 : -1
    }
  }

  /// Whether a byte of a display path cannot start a mark that combines with the character before it (ASCII).
  private static func cannotCombine(_ byte: UInt8) -> Bool { byte < 0x80 }

  /// Whether `byte` is displayed as it is: printable ASCII other than a backslash.
  private static func isVerbatim(_ byte: UInt8) -> Bool {
    byte >= 0x20 && byte <= 0x7E && byte != 0x5C
  }
}
