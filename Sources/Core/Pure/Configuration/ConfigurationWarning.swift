/// A configuration problem that does not stop the buildpack; rendered by
/// `ConfigurationWarning.diagnostic`.
public enum ConfigurationWarning: Equatable, Sendable {
  /// `key` in the `[utility.group-writable]` table of `file` is not a known setting and is ignored;
  /// `suggestion` is the closest known key, if one is close enough.
  case unknownKey(file: String, key: String, line: Int?, suggestion: ProjectSettingKey?)
  /// The buildpack is opted in but no pattern and no `create` directory is configured,
  /// so nothing will be made group-writable.
  case nothingSelected
}
