extension OptOutReason {
  /// The one sentence detect prints, telling how to opt in.
  public var sentence: String {
    switch self {
    case .notConfigured(let file):
      return "Not opted in: add a `\(ProjectSettingKey.tableHeader)` table to `\(file)`, set "
        + "`\(EnvironmentSettings.pathsVariable)`, or set "
        + "`\(EnvironmentSettings.enabledVariable)=true` to make the whole app group-writable."
    case .disabledInProjectFile(let file):
      return
        "Not opted in: `\(file)` sets `enabled = false` in `\(ProjectSettingKey.tableHeader)`; "
        + "remove it or set `\(EnvironmentSettings.enabledVariable)=true` to opt in."
    case .disabledByEnvironment(let value):
      let variable = EnvironmentSettings.enabledVariable
      return "Disabled by `\(variable)=\(DiagnosticText.escaped(value))`; unset it or set it to "
        + "`true` to opt in."
    case .noFrameworkDetected:
      return "Not opted in: `\(EnvironmentVariable.presets.name)=auto` found no framework it knows "
        + "(\(FrameworkRules.markerText)); name a preset or add a `\(ProjectSettingKey.tableHeader)` table to "
        + "`project.toml` to opt in."
    }
  }
}
