import Core

/// A command that failed, with the diagnostic of its typed error (`CommandError`, `ConfigurationError`, ...).
struct CommandFailure: Error {
  /// What to print.
  let diagnostic: Diagnostic

  init(_ diagnostic: Diagnostic) {
    self.diagnostic = diagnostic
  }

  init(_ error: CommandError) {
    diagnostic = error.diagnostic
  }
}
