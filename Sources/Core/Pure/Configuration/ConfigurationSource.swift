/// Where part of the configuration came from, for the build log.
public enum ConfigurationSource: Equatable, Sendable {
  /// The `[utility.group-writable]` table of `file`.
  case projectTable(file: String)
  /// The gitignore-format file named by `paths-file`, relative to the app directory.
  case pathsFile(path: String)
  /// The gitignore-format file named by `BP_GROUP_WRITABLE_PATHS_FILE` (it wins over `paths-file`).
  case environmentPathsFile(path: String)
  /// The `BP_GROUP_WRITABLE_PATHS` environment variable.
  case environmentPaths
  /// A list variable (`BP_GROUP_WRITABLE_CREATE`, `BP_GROUP_WRITABLE_EPHEMERAL`) that added entries.
  case environmentList(EnvironmentVariable)
  /// A single-valued variable (a boolean, `BP_GROUP_WRITABLE_EPHEMERAL_BASE`) and the value it set,
  /// which wins over the table's key.
  case environmentValue(EnvironmentVariable, value: String)
  /// `BP_GROUP_WRITABLE=true` together with other configuration.
  case environmentEnabled
  /// `BP_GROUP_WRITABLE=true` with no patterns and no `create`: the whole app directory.
  case environmentWholeApp
  /// `count` patterns given with `--pattern` on the command line.
  case commandLinePatterns(count: Int)
  /// The file given with `--patterns-file` on the command line.
  case commandLinePatternsFile(path: String)
  /// A preset that applies; `disposable` are its `ephemeral` suggestions the configuration does not take up.
  case preset(AppliedPreset, disposable: [String])
  /// `auto`, asked for by `source`, found no framework.
  case presetsNothingDetected(source: SettingSource)
}
