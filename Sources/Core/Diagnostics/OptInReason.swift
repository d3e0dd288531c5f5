/// The one-sentence reasons detect prints when the app did not opt in.
enum OptInReason {
  /// Nothing configures the buildpack.
  static func notConfigured(file: String) -> String {
    "Not opted in: add a `\(ProjectSettingKey.tableHeader)` table to `\(file)`, set "
      + "`\(EnvironmentSettings.pathsVariable)`, or set "
      + "`\(EnvironmentSettings.enabledVariable)=true` to make the whole app group-writable."
  }

  /// The table says `enabled = false` and no environment variable opts in.
  static func disabledInProjectFile(file: String) -> String {
    "Not opted in: `\(file)` sets `enabled = false` in `\(ProjectSettingKey.tableHeader)`; "
      + "remove it or set `\(EnvironmentSettings.enabledVariable)=true` to opt in."
  }

  /// `BP_GROUP_WRITABLE` has a false spelling, `value`.
  static func disabledByEnvironment(value: String) -> String {
    let variable = EnvironmentSettings.enabledVariable
    return "Disabled by `\(variable)=\(DiagnosticText.escaped(value))`; unset it or set it to "
      + "`true` to opt in."
  }
}
