import Patterns

/// The places a preset selects, as paths: what the link check and the hints look at.
public enum PresetPaths {
  /// The directories and files `preset` names literally, in table order: its patterns without glob characters
  /// (anchoring and trailing `/` dropped), then its `create` directories not already listed; with
  /// `directoriesOnly`, its file patterns (no trailing `/`: a database an app may not use) are left out.
  public static func literal(_ preset: Preset, directoriesOnly: Bool = false) -> [RelativePath] {
    let definition = PresetTable.definition(of: preset)
    var paths: [RelativePath] = []
    let literal = definition.paths.filter { text in
      !text.contains { character in "*?[\\!".contains(character) }
        && (!directoriesOnly || text.hasSuffix("/"))
    }
    let trimmed = literal.map { text in
      let relative = String(text.drop { character in character == "/" })
      return relative.hasSuffix("/") ? String(relative.dropLast()) : relative
    }
    for text in trimmed + definition.create {
      guard let path = try? RelativePath(text), !paths.contains(path) else { continue }
      paths.append(path)
    }
    return paths
  }

  /// The patterns of `preset`, with origin `preset NAME` and their position in the table.
  public static func patterns(_ preset: Preset) -> [Pattern] {
    PresetTable.definition(of: preset).paths.enumerated().compactMap { index, text in
      PatternParser.parseLine(
        Array(text.utf8), origin: PatternOrigin(source: preset.patternSource, line: index + 1))
    }
  }

  /// The first of `paths` that `patterns` do not select (nor `create` lists), each shown with a trailing `/`
  /// when it is a directory in the table (`tmp/`), in order.
  static func unselected(
    _ paths: [RelativePath], by set: PatternSet, create: [RelativePath]
  ) -> [RelativePath] {
    paths.filter { path in
      !create.contains(path) && set.decide(path: path.bytes, isDirectory: true)?.isSelected != true
    }
  }
}
