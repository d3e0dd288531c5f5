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
    }
  }
}
