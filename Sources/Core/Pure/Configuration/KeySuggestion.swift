/// Suggests the known key closest to a misspelled one.
enum KeySuggestion {
  /// The known key with the smallest edit distance to `key` (ignoring case, `_` counted as `-`),
  /// if that distance is at most half the longer key's length (a distance of 2 is always allowed).
  static func closest(to key: String) -> ProjectSettingKey? {
    let typed = Array(key.lowercased().replacingUnderscores().unicodeScalars)
    var best: (key: ProjectSettingKey, distance: Int)?
    for candidate in ProjectSettingKey.allCases {
      let known = Array(candidate.rawValue.unicodeScalars)
      let distance = editDistance(typed, known)
      guard distance <= max(2, max(typed.count, known.count) / 2) else { continue }
      if best.map({ distance < $0.distance }) ?? true { best = (candidate, distance) }
    }
    return best?.key
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
