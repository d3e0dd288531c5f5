/// Numbers in messages: `1,234,567`, `1 file`, `2 files`, octal modes. The one place counts get their words.
public enum CountText {
  /// `1,234,567`.
  public static func number(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = value < 0 ? "-" : ""
    for (index, character) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(character)
    }
    return result
  }

  /// `1 file` / `2 files` (or the given plural).
  public static func of(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(number(value)) \(value == 1 ? singular : plural ?? singular + "s")"
  }

  /// Octal permission bits, such as `775` or `2775`.
  public static func mode(_ permissions: Int) -> String {
    String(permissions & 0o7777, radix: 8)
  }

  /// `` `path` 777 → 755 ``.
  public static func change(_ change: ModeChange) -> String {
    "\(DiagnosticText.quoted(change.path)) \(mode(change.from)) → \(mode(change.to))"
  }

  /// The changes in backticks with their modes, comma-separated, with `and N more` when some were not kept.
  public static func changes(_ sample: Sample<ModeChange>) -> String {
    var text = sample.elements.map(change).joined(separator: ", ")
    if sample.isTruncated { text += " and \(number(sample.omitted)) more" }
    return text
  }
}
