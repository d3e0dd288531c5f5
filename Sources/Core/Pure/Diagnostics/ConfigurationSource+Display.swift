extension ConfigurationSource {
  /// How the build log names this source, such as
  /// "`project.toml` table `[utility.group-writable]`".
  public var logText: String {
    switch self {
    case .projectTable(let file):
      return "\(DiagnosticText.code(file)) table `\(ProjectSettingKey.tableHeader)`"
    case .pathsFile(let path):
      return "paths file \(DiagnosticText.code(path))"
    case .environmentPathsFile(let path):
      return "paths file \(DiagnosticText.code(path)) (`\(EnvironmentVariable.pathsFile.name)`)"
    case .environmentList(let variable):
      return "`\(variable.name)`"
    case .environmentValue(let variable, let value):
      return "`\(variable.name)=\(DiagnosticText.escaped(value))`"
    case .environmentPaths:
      return "`\(EnvironmentSettings.pathsVariable)`"
    case .environmentEnabled:
      return "`\(EnvironmentSettings.enabledVariable)=true`"
    case .environmentWholeApp:
      return "`\(EnvironmentSettings.enabledVariable)=true` (whole app directory)"
    case .commandLinePatterns(let count):
      return "`--pattern` (\(count))"
    case .commandLinePatternsFile(let path):
      return "`--patterns-file` \(DiagnosticText.code(path))"
    case .preset(let applied, let disposable):
      return Self.presetText(applied, disposable: disposable)
    case .presetsNothingDetected(let source):
      return
        "`\(PresetRequest.autoName)` (\(ConfigurationError.sourceText(source))) found no framework "
        + "(it looks for \(FrameworkRules.markerText)): no preset applied"
    }
  }
}

extension ConfigurationSource {
  /// "preset `rails` (the key `…` in `project.toml`)", or "preset `rails`, detected by `auto` (…) from `bin/rails`
  /// and `config/application.rb`", then the `ephemeral` suggestion.
  static func presetText(_ applied: AppliedPreset, disposable: [String]) -> String {
    let name = "preset `\(applied.preset.name)`"
    var text: String
    switch applied.reason {
    case .named(let source):
      text = "\(name) (\(ConfigurationError.sourceText(source)))"
    case .detected(let markers, let source):
      text =
        "\(name), detected by `\(PresetRequest.autoName)` (\(ConfigurationError.sourceText(source))) from "
        + ConfigurationWarning.listed(markers)
    }
    guard !disposable.isEmpty else { return text }
    let framework = PresetTable.definition(of: applied.preset).framework
    let entries = disposable.map { "\"\($0)\"" }.joined(separator: ", ")
    text +=
      "; \(framework) can rebuild \(ConfigurationWarning.listed(disposable)): on a read-only root file system, "
      + "add `ephemeral = [\(entries)]`"
    return text
  }
}
