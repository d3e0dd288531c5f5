/// A configuration problem that does not stop the buildpack; rendered by
/// `ConfigurationWarning.diagnostic`.
public enum ConfigurationWarning: Equatable, Sendable {
  /// `key` in the `[utility.group-writable]` table of `file` is not a known setting and is ignored;
  /// `suggestion` is the closest known key, if one is close enough.
  case unknownKey(file: String, key: String, line: Int?, suggestion: ProjectSettingKey?)
  /// `count` more unknown keys in `file` than the ones warned about one by one.
  case moreUnknownKeys(file: String, count: Int)
  /// `variable` looks like a colon-separated list (`/tmp/:/log/`) but was read as one item;
  /// `parts` are what the colons separate.
  case colonSeparatedList(variable: EnvironmentVariable, value: String, parts: [String])
  /// The buildpack is opted in but no pattern, no `create` and no `ephemeral` directory is
  /// configured, so nothing will be made group-writable.
  case nothingSelected
  /// A framework found in the app directory writes to `unselected` (preset paths), which no pattern selects, and
  /// its preset was not asked for.
  case presetNotApplied(detection: FrameworkDetection, unselected: [String])
  /// Whole-app mode, in an app where `detection` found a framework whose preset selects far less.
  case presetNarrower(detection: FrameworkDetection)
  /// `trace --config`: the preset of the framework `detection` found would allow `allowed` of the `denied` writes
  /// the configuration still denies.
  case presetWouldAllow(detection: FrameworkDetection, allowed: Int, denied: Int)
  /// The preset's `path` is reached through the symbolic link `link`, which the walk never follows.
  case presetPathIsLink(preset: Preset, path: String, link: String)
}
