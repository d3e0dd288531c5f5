import Patterns

/// One pattern with its counts, as the report keeps it.
public struct PatternCount: Sendable, Equatable, Comparable, Codable {
  /// The source name of the patterns a `create` entry stands for.
  public static let createSource = "project.toml create"

  /// Its position in the run's pattern list (later ones win).
  public var index: Int
  /// The pattern as written, escaped (`EscapedText`).
  public var pattern: String
  /// Where it was written (`project.toml paths`, a paths file, `BP_GROUP_WRITABLE_PATHS`, ...).
  public var source: String
  /// The line (or element) in its source.
  public var line: Int
  /// Whether it starts with `!`.
  public var negated: Bool
  /// Entries for which it was the deciding match.
  public var matches: Int
  /// Entries it selected, counting everything inside the directories it selected.
  public var selected: Int

  /// The count for `pattern`, the `index`th of the run.
  public init(index: Int, pattern: Pattern, matches: Int, selected: Int) {
    self.index = index
    self.pattern = pattern.displayText
    source = pattern.origin.source
    line = pattern.origin.line
    negated = pattern.isNegated
    self.matches = matches
    self.selected = selected
  }

  /// Whether it stands for a `create` directory rather than a pattern the user wrote.
  public var isCreate: Bool { source == Self.createSource }

  /// Whether it likely has a typo: a pattern the user wrote that matched nothing (a preset's patterns cover
  /// several versions of a framework, so one of them matching nothing is no typo).
  public var isUnmatched: Bool {
    matches == 0 && !negated && !isCreate && Preset(patternSource: source) == nil
  }

  /// By position.
  public static func < (lhs: PatternCount, rhs: PatternCount) -> Bool { lhs.index < rhs.index }
}
