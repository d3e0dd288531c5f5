import Testing

/// One row of the wildmatch table: a pattern, a text, and whether git's `wildmatch` matches
/// with WM_PATHNAME (`pathname`) and without it (`plain`). `scripts/verify-pattern-table`
/// checks the columns that can be expressed as a gitignore check against the local git.
struct WildmatchRow: Sendable, CustomTestStringConvertible {
  let pattern: String
  let text: String
  let pathname: Bool
  let plain: Bool
  /// Whether git 2.39 answers the pathname column differently (the `**` fix, 1940a02dc1).
  let differsFromGit239: Bool

  var testDescription: String {
    "\(pattern) ~ \(text): pathname \(pathname), plain \(plain)"
      + (differsFromGit239 ? " [fixed **; git 2.39 differs]" : "")
  }
}

/// A wildmatch row on which the local git agrees.
func wildmatch(_ pattern: String, _ text: String, pathname: Bool, plain: Bool) -> WildmatchRow {
  WildmatchRow(
    pattern: pattern, text: text, pathname: pathname, plain: plain, differsFromGit239: false)
}

/// A wildmatch row for the fixed `**` behaviour; git 2.39 answers the pathname column otherwise.
func fixedWildmatch(_ pattern: String, _ text: String, pathname: Bool, plain: Bool)
  -> WildmatchRow
{
  WildmatchRow(
    pattern: pattern, text: text, pathname: pathname, plain: plain, differsFromGit239: true)
}
