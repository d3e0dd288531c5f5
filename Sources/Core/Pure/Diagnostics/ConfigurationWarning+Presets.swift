extension ConfigurationWarning {
  /// "`a`, `b` and `c`".
  static func listed(_ items: [String]) -> String {
    let quoted = items.map(DiagnosticText.code)
    guard quoted.count > 1, let last = quoted.last else { return quoted.first ?? "" }
    return quoted.dropLast().joined(separator: ", ") + " and " + last
  }

  /// "`a` shows" or "`a` and `b` show": the marker files as a sentence's subject.
  static func markersShow(_ markers: [String]) -> String {
    listed(markers) + (markers.count == 1 ? " shows" : " show")
  }

  /// The one-line fix that applies `preset`: the key, or the variable.
  static func presetFix(_ preset: Preset) -> String {
    "add `presets = [\"\(preset.name)\"]` to `\(ProjectSettingKey.tableHeader)` in `project.toml`, or set "
      + "`\(EnvironmentVariable.presets.name)=\(preset.name)`"
  }

  /// The diagnostic of `presetNotApplied`.
  static func presetNotApplied(_ detection: FrameworkDetection, unselected: [String]) -> Diagnostic
  {
    let preset = detection.preset
    let framework = PresetTable.definition(of: preset).framework
    return Diagnostic(
      severity: .warning,
      title: "\(framework) writes to paths that are not selected",
      detail: [
        "\(markersShow(detection.markers)) a \(framework) app. It writes to \(listed(unselected)), which no "
          + "pattern selects: at run time those writes fail with `EACCES`."
      ],
      suggestions: [
        "Apply the `\(preset.name)` preset: \(presetFix(preset)) (your `!` patterns still take paths back)."
      ])
  }

  /// The diagnostic of `presetNarrower`.
  static func presetNarrower(_ detection: FrameworkDetection) -> Diagnostic {
    let preset = detection.preset
    let definition = PresetTable.definition(of: preset)
    return Diagnostic(
      severity: .warning,
      title: "Whole-app mode: the `\(preset.name)` preset is narrower",
      detail: [
        "`\(EnvironmentSettings.enabledVariable)=true` with no patterns makes the whole app directory "
          + "group-writable, its code included. \(markersShow(detection.markers)) a \(definition.framework) app, "
          + "whose preset selects only \(listed(definition.paths))."
      ],
      suggestions: [
        "To select only those, \(presetFix(preset))."
      ])
  }

  /// The diagnostic of `presetWouldAllow`.
  static func presetWouldAllow(_ detection: FrameworkDetection, allowed: Int, denied: Int)
    -> Diagnostic
  {
    let preset = detection.preset
    let framework = PresetTable.definition(of: preset).framework
    let share =
      denied == 1
      ? "the write"
      : allowed == denied
        ? "all \(CountText.of(denied, "write"))" : "\(allowed) of the \(denied) writes"
    return Diagnostic(
      severity: .warning,
      title: "The `\(preset.name)` preset would allow \(share) the configuration denies",
      detail: [
        "\(markersShow(detection.markers)) a \(framework) app, and its preset is not applied."
      ],
      suggestions: [
        "Apply it: \(presetFix(preset)), then trace again."
      ])
  }

  /// The diagnostic of `presetPathIsLink`.
  static func presetPathIsLink(_ preset: Preset, path: String, link: String) -> Diagnostic {
    let subject =
      path == link
      ? DiagnosticText.code(link)
      : "\(DiagnosticText.code(link)), on the way to \(DiagnosticText.code(path)),"
    return Diagnostic(
      severity: .warning,
      title:
        "The `\(preset.name)` preset cannot reach \(DiagnosticText.code(path)): it is behind a symbolic link",
      detail: [
        "\(subject) is a symbolic link in the app directory, likely into a layer where another buildpack keeps "
          + "the directory. This buildpack never follows links and does not change layers, so "
          + "\(DiagnosticText.code(path)) is neither created nor made group-writable."
      ],
      suggestions: [
        "Have the buildpack that owns the layer make the directory group-writable, or keep the directory in the "
          + "app directory (no link) so that the preset can select it."
      ])
  }
}
