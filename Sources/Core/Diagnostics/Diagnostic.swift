/// A problem to show to the user: what went wrong, where, and how to fix it.
///
/// Errors and warnings are turned into `Diagnostic` values and rendered by `DiagnosticRenderer`;
/// no other code writes message text.
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
  /// Paragraphs explaining the problem; they carry the location in their prose.
  public var detail: [String]
  /// Where the problem is, for machine-readable output (the renderer does not print it).
  public var location: DiagnosticLocation?
  /// Ways to fix the problem, one sentence each.
  public var suggestions: [String]

  /// Creates a diagnostic.
  public init(
    severity: Severity = .error,
    title: String,
    detail: [String] = [],
    location: DiagnosticLocation? = nil,
    suggestions: [String] = []
  ) {
    self.severity = severity
    self.title = title
    self.detail = detail
    self.location = location
    self.suggestions = suggestions
  }
}
