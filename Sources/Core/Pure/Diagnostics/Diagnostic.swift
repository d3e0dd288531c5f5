/// A problem to show to the user: what went wrong (with where: file, line, key, path), why, and how to fix it.
///
/// Every error and warning is data (an enum with its cause) until `DiagnosticRenderer` turns its `Diagnostic` into
/// text; no other code writes message text.
public struct Diagnostic: Equatable, Sendable {
  /// Whether the problem stops the buildpack or is only reported.
  public enum Severity: Equatable, Sendable {
    /// The buildpack stops.
    case error
    /// The buildpack goes on; the problem is reported.
    case warning
  }

  /// Whether this is an error or a warning.
  public var severity: Severity
  /// One line saying what is wrong, such as "Invalid configuration in `project.toml`".
  public var title: String
  /// Paragraphs explaining the problem; they name the file, line, key or path in their prose.
  public var detail: [String]
  /// Ways to fix the problem, one sentence each.
  public var suggestions: [String]

  /// Creates a diagnostic.
  public init(
    severity: Severity = .error,
    title: String,
    detail: [String] = [],
    suggestions: [String] = []
  ) {
    self.severity = severity
    self.title = title
    self.detail = detail
    self.suggestions = suggestions
  }
}
