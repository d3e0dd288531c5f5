import Patterns

/// The warnings the presets give without changing anything: a framework the app did not ask a preset for whose
/// places are not selected, whole-app mode where a preset is narrower, and preset paths that are links.
public enum PresetHints {
  /// The warnings for `configuration`, resolved with `inputs`.
  public static func warnings(_ configuration: Configuration, inputs: PresetInputs)
    -> [ConfigurationWarning]
  {
    var warnings = inputs.links.map { link in
      ConfigurationWarning.presetPathIsLink(
        preset: link.preset, path: link.path.description, link: link.link.description)
    }
    let unapplied = inputs.detections.filter { detection in
      !inputs.applied.contains { $0.preset == detection.preset }
    }
    guard !unapplied.isEmpty else { return warnings }
    if configuration.wholeApp {
      return warnings + unapplied.map { ConfigurationWarning.presetNarrower(detection: $0) }
    }
    let selection = PatternSet(configuration.patterns)
    for detection in unapplied {
      let missing = PresetPaths.unselected(
        PresetPaths.literal(detection.preset, directoriesOnly: true), by: selection,
        create: configuration.create)
      guard !missing.isEmpty else { continue }
      warnings.append(
        .presetNotApplied(detection: detection, unselected: missing.map(\.description)))
    }
    return warnings
  }
}
