/// Suggests the known key (or preset name) closest to a misspelled one.
enum KeySuggestion {
  /// The known key with the smallest edit distance to `key` (ignoring case, `_` counted as `-`),
  /// if that distance is at most half the longer key's length (a distance of 2 is always allowed).
  static func closest(to key: String) -> ProjectSettingKey? {
    closest(to: key, among: ProjectSettingKey.allCases.map(\.rawValue)).flatMap(
      ProjectSettingKey.init(rawValue:))
  }

  /// The candidate with the smallest edit distance to `word` (ignoring case, `_` counted as `-`), if that
  /// distance is at most half the longer word's length (a distance of 2 is always allowed); the first on a tie.
  static func closest(to word: String, among candidates: [String]) -> String? {
    let typed = Array(word.lowercased().replacingUnderscores().unicodeScalars)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let known = Array(candidate.unicodeScalars)
      let distance = editDistance(typed, known)
      guard distance <= max(2, max(typed.count, known.count) / 2) else { continue }
      if best.map({ distance < $0.distance }) ?? true { best = (candidate, distance) }
    }
    return best?.candidate
  }

  /// The Levenshtein distance (insertions, deletions, substitutions) between two sequences.
  static func editDistance(_ first: [Unicode.Scalar], _ second: [Unicode.Scalar]) -> Int {
    var previous = Array(0...second.count)
    for (row, a) in first.enumerated() {
      var current = [row + 1]
      for (column, b) in second.enumerated() {
        let substitution = previous[column] + (a == b ? 0 : 1)
        current.append(min(substitution, previous[column + 1] + 1, current[column] + 1))
      }
      previous = current
    }
    return previous[second.count]
  }
}

extension String {
  /// The string with every `_` replaced by `-`.
  fileprivate func replacingUnderscores() -> String {
    String(String.UnicodeScalarView(unicodeScalars.map { $0 == "_" ? "-" : $0 }))
  }
}
