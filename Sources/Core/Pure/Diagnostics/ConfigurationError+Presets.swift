extension ConfigurationError {
  /// Every preset name and `auto`, for messages: "`rails`, `laravel`, …, and `auto`".
  static var presetNames: String {
    Preset.allCases.map { "`\($0.name)`" }.joined(separator: ", ")
      + ", and `\(PresetRequest.autoName)` to detect the framework"
  }

  /// The diagnostic of `unknownPreset`.
  static func unknownPreset(
    _ source: SettingSource, element: Int, value: String, suggestion: String?
  ) -> Diagnostic {
    Diagnostic(
      title: Self.title(source),
      detail: [
        "\(Self.entrySubject(source, element: element)) is \(DiagnosticText.code(value)), which is not a preset.",
        "Presets: \(presetNames).",
      ],
      suggestions: [
        suggestion.map { "Did you mean `\($0)`?" }
          ?? "Write one of the presets above, or remove the entry."
      ])
  }

  /// The diagnostic of `presetNameTooLong`.
  static func presetNameTooLong(_ source: SettingSource, element: Int, length: Int, limit: Int)
    -> Diagnostic
  {
    Diagnostic(
      title: Self.title(source),
      detail: [
        "\(Self.entrySubject(source, element: element)) is \(DiagnosticText.byteCount(length)) long; a preset name "
          + "has at most \(DiagnosticText.byteCount(limit)).",
        "Presets: \(presetNames).",
      ],
      suggestions: ["Write one of the presets above, or remove the entry."])
  }

  /// The diagnostic of `tooManyPresets`.
  static func tooManyPresets(_ source: SettingSource, limit: Int) -> Diagnostic {
    Diagnostic(
      title: Self.title(source),
      detail: [
        "\(Self.capitalized(Self.sourceText(source))) has more than \(limit) entries.",
        "Presets: \(presetNames).",
      ],
      suggestions: ["Name each preset once, or write `\(PresetRequest.autoName)` alone."])
  }
}
