/// Renders diagnostics as Heroku-style `!` blocks, the one place that lays out message text.
///
/// ```
/// ! Invalid configuration in `project.toml`
/// !
/// ! The key `utility.group-writable.setgid` (line 7) must be a boolean (true or false), …
/// !
/// ! How to fix it:
/// ! - Write `setgid = true` or `setgid = false`.
/// ```
public enum DiagnosticRenderer {
  /// The block for `diagnostic`, every line starting with `!` and ending with a newline.
  public static func render(_ diagnostic: Diagnostic) -> String {
    var paragraphs: [String] = [title(of: diagnostic)]
    paragraphs += diagnostic.detail
    if !diagnostic.suggestions.isEmpty {
      let items = diagnostic.suggestions.map { "- \($0)" }
      paragraphs.append((["How to fix it:"] + items).joined(separator: "\n"))
    }
    let lines = paragraphs.joined(separator: "\n\n").split(
      separator: "\n", omittingEmptySubsequences: false)
    return lines.map { $0.isEmpty ? "!\n" : "! \($0)\n" }.joined()
  }

  /// The blocks for several diagnostics, separated by an empty line.
  public static func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map(render).joined(separator: "\n")
  }

  /// The title line, prefixed with `Warning: ` for warnings.
  static func title(of diagnostic: Diagnostic) -> String {
    switch diagnostic.severity {
    case .error: return diagnostic.title
    case .warning: return "Warning: \(diagnostic.title)"
    }
  }
}
