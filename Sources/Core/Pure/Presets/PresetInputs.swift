import Patterns

/// What the presets bring to one configuration: the ones that apply, what `auto` found, and the preset paths that
/// are links; gathered by `ConfigurationLoader` through an `AppEntryProbing`, resolved by `ConfigurationResolver`.
public struct PresetInputs: Equatable, Sendable {
  /// The presets that apply, in order.
  public var applied: [AppliedPreset] = []
  /// Every framework found in the app directory (whether or not `auto` was asked for: the hints use them).
  public var detections: [FrameworkDetection] = []
  /// The source that asked for `auto`, nil when none did.
  public var autoSource: SettingSource?
  /// Preset paths reached through a symbolic link, one per link.
  public var links: [PresetLink] = []

  /// No presets.
  public init() {}

  /// The inputs for `request` in the app directory `probe` looks at.
  public init(request: PresetRequest, probe: any AppEntryProbing) {
    detections = FrameworkDetection.detect(in: probe)
    autoSource = request.auto
    applied = AppliedPreset.plan(request, detections: detections)
    for preset in applied.map(\.preset) {
      for path in PresetPaths.literal(preset)
      where !links.contains(where: { $0.preset == preset && $0.covers(path) }) {
        if let link = probe.firstLink(in: path) {
          links.append(PresetLink(preset: preset, path: path, link: link))
        }
      }
    }
  }

  /// Whether `path`, a preset's path, goes through one of the links.
  public func isLinked(_ path: RelativePath) -> Bool {
    links.contains { $0.covers(path) }
  }
}
