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
    }
  }
}
