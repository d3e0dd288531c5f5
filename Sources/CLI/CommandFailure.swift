import Core

/// A command that failed, with the diagnostic to print.
struct CommandFailure: Error {
  /// What to print.
  let diagnostic: Diagnostic

  init(_ diagnostic: Diagnostic) {
    self.diagnostic = diagnostic
  }
}
