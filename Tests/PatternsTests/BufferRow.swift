import Patterns
import Testing

/// One row of the parsing table checked against git: a whole pattern file (byte for byte), a
/// path, its kind, and the line of the deciding pattern as `git check-ignore -v` reports it.
/// `scripts/verify-pattern-table` re-checks every row against the local git.
struct BufferRow: Sendable, CustomTestStringConvertible {
  /// The deciding line.
  enum Verdict: Sendable, Equatable {
    /// No pattern matches.
    case unmatched
    /// Excluded by the pattern on line `n`.
    case line(Int)
    /// Last matched by the negated pattern on line `n`.
    case negatedLine(Int)
  }

  let buffer: String
  let path: String
  let kind: DecisionRow.Kind
  let expected: Verdict

  var testDescription: String { "\(buffer) \(path) (\(kind)) -> \(expected)" }
}

/// A parsing row.
func bufferRow(
  _ buffer: String, _ path: String, _ kind: DecisionRow.Kind, _ expected: BufferRow.Verdict
) -> BufferRow {
  BufferRow(buffer: buffer, path: path, kind: kind, expected: expected)
}
