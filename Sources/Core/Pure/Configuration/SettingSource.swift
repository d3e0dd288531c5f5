/// Where one setting (or one list of patterns or directories) came from, for messages.
public enum SettingSource: Equatable, Sendable {
  /// A key of the `[utility.group-writable]` table of `file`, at `line` when it was located.
  case key(ProjectSettingKey, file: String, line: Int?)
  /// The paths file at `path`, relative to the app directory.
  case pathsFile(path: String)
  /// An environment variable.
  case variable(EnvironmentVariable)
  /// A command-line option of the CLI, with the file it names (`--patterns-file`) or nil (`--pattern`).
  case commandLine(option: String, value: String?)

  /// The setting this source sets (`paths` for a paths file's patterns).
  public var setting: ProjectSettingKey? {
    switch self {
    case .key(let key, _, _): return key
    case .pathsFile: return .paths
    case .variable(let variable): return variable.projectKey
    case .commandLine: return .paths
    }
  }
}
