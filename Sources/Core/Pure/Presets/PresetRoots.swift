import Patterns

/// Which preset selected each writable root, for the build log (`rails: tmp/`) and `report.toml`'s
/// `[root-presets]`.
public enum PresetRoots {
  /// The roots among `roots` (display paths, as the report keeps them) whose deciding pattern in `patterns` is a
  /// preset's, by preset name, in the roots' order; roots another pattern decides are left out.
  public static func attribute(_ roots: [String], patterns: [Pattern]) -> [String: [String]] {
    guard patterns.contains(where: { Preset(patternSource: $0.origin.source) != nil }) else {
      return [:]
    }
    let selection = PatternSet(patterns)
    var attributed: [String: [String]] = [:]
    for root in roots {
      guard let path = DisplayPath.path(of: root), !path.components.isEmpty,
        let decision = selection.decide(path: path.bytes, isDirectory: root.hasSuffix("/")),
        decision.isSelected,
        let preset = Preset(patternSource: patterns[decision.index].origin.source)
      else { continue }
      attributed[preset.name, default: []].append(root)
    }
    return attributed
  }

  /// The preset that selected `root`, from an attribution `attribute` made.
  public static func preset(of root: String, in attributed: [String: [String]]) -> String? {
    attributed.first { $0.value.contains(root) }?.key
  }
}
