extension ConfigurationWarning {
  /// The warning as a diagnostic for `DiagnosticRenderer`.
  public var diagnostic: Diagnostic {
    switch self {
    case .unknownKey(let file, let key, let line, let suggestion):
      let dotted = ProjectSettingKey.dottedName(of: key)
      let known = ProjectSettingKey.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
      let fix =
        suggestion.map { "Did you mean `\($0.rawValue)`?" }
        ?? "Remove the key, or rename it to one of the known keys."
      return Diagnostic(
        severity: .warning,
        title: "Unknown key in \(DiagnosticText.code(file))",
        detail: [
          "The key \(DiagnosticText.code(dotted))\(ConfigurationError.whereText(line)) is not a "
            + "known setting and is ignored.",
          "Known keys: \(known).",
        ],
        suggestions: [fix])
    case .moreUnknownKeys(let file, let count):
      return Diagnostic(
        severity: .warning,
        title: "Unknown keys in \(DiagnosticText.code(file))",
        detail: [
          "And \(CountText.of(count, "more unknown key")) in `\(ProjectSettingKey.tableHeader)`, "
            + "ignored like the first \(ConfigurationLimits.unknownKeysListed) listed above."
        ],
        suggestions: ["Remove the keys that are not settings of this buildpack."])
    case .colonSeparatedList(let variable, let value, let parts):
      let item = variable == .paths ? "pattern" : "directory"
      let items = variable == .paths ? "patterns" : "directories"
      let joined = parts.joined(separator: ",")
      let fix =
        joined.utf8.count <= Self.shownLength
        ? "To mean \(parts.count) \(items), separate them with commas: "
          + "`\(variable.name)='\(DiagnosticText.escaped(joined))'`."
        : "To mean \(parts.count) \(items), separate them with commas instead of colons."
      return Diagnostic(
        severity: .warning,
        title: "`\(variable.name)` looks like a colon-separated list",
        detail: [
          "`\(variable.name)` is \(Self.shown(value)), which was read as one \(item): the "
            + "variable separates \(items) with commas or newlines, not colons."
        ],
        suggestions: [fix])
    case .nothingSelected:
      return Diagnostic(
        severity: .warning,
        title: "Nothing to make group-writable",
        detail: [
          "The buildpack is opted in, but no patterns and no `create` directories are "
            + "configured, so no path will be made group-writable."
        ],
        suggestions: [
          "Add `paths`, `paths-file` or `create` to the `\(ProjectSettingKey.tableHeader)` table "
            + "in `project.toml`, or set `\(EnvironmentSettings.pathsVariable)`."
        ])
    case .presetNotApplied(let detection, let unselected):
      return Self.presetNotApplied(detection, unselected: unselected)
    case .presetNarrower(let detection):
      return Self.presetNarrower(detection)
    case .presetWouldAllow(let detection, let allowed, let denied):
      return Self.presetWouldAllow(detection, allowed: allowed, denied: denied)
    case .presetPathIsLink(let preset, let path, let link):
      return Self.presetPathIsLink(preset, path: path, link: link)
    }
  }

  /// The longest value a warning shows whole, in bytes.
  static let shownLength = 200

  /// `value` escaped in backticks, cut after `shownLength` bytes (at a character) with `…`.
  static func shown(_ value: String) -> String {
    guard value.utf8.count > shownLength else { return DiagnosticText.code(value) }
    var prefix = ""
    for character in value {
      if prefix.utf8.count + character.utf8.count > shownLength { break }
      prefix.append(character)
    }
    return DiagnosticText.code(prefix) + "…"
  }
}
