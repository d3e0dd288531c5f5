import Patterns

/// For `trace --config`: which presets of the frameworks found in the app would allow writes the configuration
/// still denies.
public enum PresetCoverage {
  /// A warning for each framework in `detections` whose preset `configuration` does not apply and that would allow
  /// some of `denied` (writes `WriteCoverage(configuration)` denies), in preset order.
  public static func warnings(
    denied: [TracedWrite], configuration: Configuration, detections: [FrameworkDetection]
  ) -> [ConfigurationWarning] {
    guard !denied.isEmpty else { return [] }
    return detections.filter { !configuration.presets.contains($0.preset) }.compactMap {
      detection in
      let still = WriteCoverage(with(detection.preset, configuration)).denied(denied)
      let allowed = denied.count - still.count
      guard allowed > 0 else { return nil }
      return .presetWouldAllow(detection: detection, allowed: allowed, denied: denied.count)
    }
  }

  /// `configuration` with `preset` applied in front: its patterns first, its `create` directories first.
  static func with(_ preset: Preset, _ configuration: Configuration) -> Configuration {
    var extended = configuration
    extended.patterns = PresetPaths.patterns(preset) + configuration.patterns
    let create = PresetTable.definition(of: preset).create.compactMap { try? RelativePath($0) }
    extended.create = create + configuration.create.filter { !create.contains($0) }
    extended.presets = [preset] + configuration.presets
    extended.wholeApp = false
    return extended
  }
}
