/// Whether the app opted in to the buildpack, decided the same way by detect and build.
public enum OptInDecision: Sendable {
  /// The app opted in; the build uses this configuration.
  case optedIn(Configuration)
  /// Nothing opts in (or the table says `enabled = false`); `reason` is one sentence telling how
  /// to opt in.
  case notOptedIn(reason: String)
  /// `BP_GROUP_WRITABLE` is false; `reason` is one sentence saying so.
  case disabled(reason: String)
}
