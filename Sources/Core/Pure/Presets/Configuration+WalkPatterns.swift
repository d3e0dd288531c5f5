import Patterns

extension Configuration {
  /// The patterns the walk decides with: `patterns`, then one per `create` directory (selected whatever the
  /// patterns say), except the directories a preset's pattern already selects, which that pattern counts (so the
  /// log and `report.toml` name the preset, not `create`, for `log/`).
  public var walkPatterns: [Pattern] {
    let presetSelection = presets.isEmpty ? nil : PatternSet(patterns)
    return patterns
      + create.enumerated().compactMap { index, path in
        if let presetSelection,
          let decision = presetSelection.decide(path: path.bytes, isDirectory: true),
          decision.isSelected, Preset(patternSource: patterns[decision.index].origin.source) != nil
        {
          return nil
        }
        return PatternParser.parseLine(
          path.directoryPatternBytes,
          origin: PatternOrigin(source: PatternCount.createSource, line: index + 1))
      }
  }
}
