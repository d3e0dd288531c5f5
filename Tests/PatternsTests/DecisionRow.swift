import Patterns
import Testing

/// One row of a table checked against git: a pattern list (one pattern per line, no blank or
/// comment lines), a path, its kind, and what `git check-ignore --no-index -v` reports.
/// `scripts/verify-pattern-table` re-checks every row against the local git.
struct DecisionRow: Sendable, CustomTestStringConvertible {
  /// The kind of the entry at `path` (its parents are directories).
  enum Kind: Sendable { case file, dir }

  /// The deciding pattern, by index in `patterns`.
  enum Verdict: Sendable, Equatable {
    /// No pattern matches the path or a parent.
    case unmatched
    /// Excluded (selected) by pattern `index`, directly or through a parent directory.
    case ex(Int)
    /// Last matched by the negated pattern `index`: not excluded.
    case inc(Int)
  }

  let patterns: [String]
  let path: String
  let kind: Kind
  let expected: Verdict
  /// Whether git 2.39 answers differently because it predates the `**` fix (1940a02dc1).
  let differsFromGit239: Bool

  var testDescription: String {
    "\(patterns) \(path) (\(kind)) -> \(expected)"
      + (differsFromGit239 ? " [fixed **; git 2.39 differs]" : "")
  }

  /// The patterns parsed as lines 1... of a file.
  var patternSet: PatternSet {
    PatternSet(
      patterns.enumerated().compactMap { index, line in
        PatternParser.parseLine(
          tableBytes(line), origin: PatternOrigin(source: "table", line: index + 1))
      })
  }

  var pathBytes: [UInt8] { tableBytes(path) }
}

/// A row on which the local git (2.39) agrees.
func row(
  _ patterns: [String], _ path: String, _ kind: DecisionRow.Kind,
  _ expected: DecisionRow.Verdict
) -> DecisionRow {
  DecisionRow(
    patterns: patterns, path: path, kind: kind, expected: expected, differsFromGit239: false)
}

/// A row for the fixed `**` behaviour (git >= 2.52); git 2.39 answers differently.
func fixedRow(
  _ patterns: [String], _ path: String, _ kind: DecisionRow.Kind,
  _ expected: DecisionRow.Verdict
) -> DecisionRow {
  DecisionRow(
    patterns: patterns, path: path, kind: kind, expected: expected, differsFromGit239: true)
}
