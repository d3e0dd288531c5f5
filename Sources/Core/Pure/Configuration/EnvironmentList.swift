/// The list syntax of `BP_GROUP_WRITABLE_PATHS`, `BP_GROUP_WRITABLE_CREATE` and
/// `BP_GROUP_WRITABLE_EPHEMERAL`: items separated by newlines, or, when the value has no newline,
/// by unescaped commas.
public enum EnvironmentList {
  /// One item and its number: the line number when the value has newlines, else its position
  /// among the comma-separated items (both 1-based).
  public struct Item: Equatable, Sendable {
    /// The item's 1-based number.
    public var number: Int
    /// The item's bytes (for commas: `\,` unescaped and leading blanks dropped).
    public var bytes: [UInt8]
  }

  /// The items of `value`, numbered; empty lines and empty comma items are kept (callers skip them).
  public static func items(_ value: String) -> [Item] {
    let bytes = Array(value.utf8)
    let parts =
      bytes.contains(0x0A)
      ? bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
      : commaSeparatedItems(bytes)
    return parts.enumerated().map { Item(number: $0.offset + 1, bytes: $0.element) }
  }

  /// The items of a comma-separated value: `\,` is a literal comma, other backslashes are kept,
  /// and spaces and tabs before each item are dropped (`logs/, tmp/` is `logs/` and `tmp/`).
  public static func commaSeparatedItems(_ value: [UInt8]) -> [[UInt8]] {
    var items: [[UInt8]] = []
    var current: [UInt8] = []
    var index = 0
    while index < value.count {
      let byte = value[index]
      if byte == UInt8(ascii: "\\"), index + 1 < value.count, value[index + 1] == UInt8(ascii: ",")
      {
        current.append(UInt8(ascii: ","))
        index += 2
        continue
      }
      let isBlank = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
      if byte == UInt8(ascii: ",") {
        items.append(current)
        current = []
      } else if !(current.isEmpty && isBlank) {
        current.append(byte)
      }
      index += 1
    }
    items.append(current)
    return items
  }

  /// The parts of a value written as a colon-separated path list (`/tmp/:/log/`, as Paketo's
  /// `BP_INCLUDE_FILES` is), which this syntax reads as one item; nil for any other value.
  ///
  /// It must have no newline and no comma, and splitting at `:` must give at least two parts that
  /// each look like a path (start with `/` or contain one, ignoring surrounding blanks).
  public static func colonSeparatedParts(_ value: String) -> [String]? {
    let bytes = Array(value.utf8)
    guard !bytes.contains(0x0A), !bytes.contains(UInt8(ascii: ",")),
      bytes.contains(UInt8(ascii: ":"))
    else { return nil }
    let parts = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
      .map { trimmedBlanks(Array($0)) }
    guard parts.count >= 2, parts.allSatisfy({ $0.contains(UInt8(ascii: "/")) }) else {
      return nil
    }
    return parts.map { String(decoding: $0, as: UTF8.self) }
  }

  /// `bytes` without leading and trailing spaces, tabs and carriage returns.
  public static func trimmedBlanks(_ bytes: [UInt8]) -> [UInt8] {
    let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    guard let first = bytes.firstIndex(where: { !isBlank($0) }),
      let last = bytes.lastIndex(where: { !isBlank($0) })
    else { return [] }
    return Array(bytes[first...last])
  }
}
