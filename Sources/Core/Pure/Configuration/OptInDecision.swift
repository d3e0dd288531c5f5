/// Whether the app opted in to the buildpack, decided the same way by detect and build.
public enum OptInDecision: Sendable, Equatable {
  /// The app opted in; the build uses this configuration.
  case optedIn(Configuration)
  /// The app did not opt in, or turned the buildpack off; detect fails with the reason's one sentence.
  case notOptedIn(OptOutReason)
}

/// Why the buildpack does not take part.
public enum OptOutReason: Sendable, Equatable {
  /// Nothing configures the buildpack (`file` is `project.toml`).
  case notConfigured(file: String)
  /// The table in `file` says `enabled = false` and no environment variable opts in.
  case disabledInProjectFile(file: String)
  /// `BP_GROUP_WRITABLE` has a false spelling, `value`.
  case disabledByEnvironment(value: String)
  /// `BP_GROUP_WRITABLE_PRESETS` asks for `auto` (a platform may set it for every app), which found no framework,
  /// and nothing else opts the app in.
  case noFrameworkDetected
}
