import FileSystem
import Patterns

/// A framework found in the app directory, and the files that show it.
public struct FrameworkDetection: Equatable, Sendable {
  /// The framework's preset.
  public var preset: Preset
  /// The marker files found, as `FrameworkRules` writes them.
  public var markers: [String]

  /// Creates a detection.
  public init(preset: Preset, markers: [String]) {
    self.preset = preset
    self.markers = markers
  }

  /// Every framework `probe` finds, in preset order: at most one marker set per preset, the first that matches.
  public static func detect(in probe: any AppEntryProbing) -> [FrameworkDetection] {
    Preset.allCases.compactMap { preset in
      let found = FrameworkRules.markers(of: preset).first { set in
        set.allSatisfy { file in
          guard let path = try? RelativePath(file) else { return false }
          return probe.kind(of: path) == .regular
        }
      }
      return found.map { FrameworkDetection(preset: preset, markers: $0) }
    }
  }
}
