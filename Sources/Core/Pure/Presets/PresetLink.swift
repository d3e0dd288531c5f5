import Patterns

/// A place a preset selects that the app directory reaches through a symbolic link (Paketo's `node_modules`, a
/// directory a language buildpack keeps in a layer): the walk never follows it, so the preset cannot reach it.
public struct PresetLink: Equatable, Sendable {
  /// The preset.
  public var preset: Preset
  /// The preset's path, as `PresetPaths.literal` gives it.
  public var path: RelativePath
  /// The symbolic link on the way (`path` itself, or one of its parents).
  public var link: RelativePath

  /// Creates a link finding.
  public init(preset: Preset, path: RelativePath, link: RelativePath) {
    self.preset = preset
    self.path = path
    self.link = link
  }

  /// Whether `other` is the link or below it.
  public func covers(_ other: RelativePath) -> Bool {
    other.components.starts(with: link.components)
  }
}
