/// A preset the configuration applies, and why.
public struct AppliedPreset: Equatable, Sendable {
  /// Why a preset applies.
  public enum Reason: Equatable, Sendable {
    /// `presets` or `BP_GROUP_WRITABLE_PRESETS` named it.
    case named(SettingSource)
    /// `auto`, asked for by `source`, found the framework's `markers`.
    case detected(markers: [String], source: SettingSource)
  }

  /// The preset.
  public var preset: Preset
  /// Why it applies.
  public var reason: Reason

  /// Creates an applied preset.
  public init(preset: Preset, reason: Reason) {
    self.preset = preset
    self.reason = reason
  }

  /// The key or variable that asked for it (by name or through `auto`), for messages about its entries.
  public var source: SettingSource {
    switch reason {
    case .named(let source), .detected(_, let source): return source
    }
  }

  /// The presets `request` names, then those `auto` found that it does not name, in that order.
  public static func plan(_ request: PresetRequest, detections: [FrameworkDetection])
    -> [AppliedPreset]
  {
    var applied = request.named.map { AppliedPreset(preset: $0.preset, reason: .named($0.source)) }
    guard let auto = request.auto else { return applied }
    for detection in detections where !applied.contains(where: { $0.preset == detection.preset }) {
      applied.append(
        AppliedPreset(
          preset: detection.preset, reason: .detected(markers: detection.markers, source: auto)))
    }
    return applied
  }
}
