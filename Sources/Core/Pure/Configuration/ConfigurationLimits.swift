/// The documented caps on every configuration input, so detect and build take time and memory
/// linear in a bounded input (docs/CONFIGURATION.md, "Precedence, values, errors and caps").
public enum ConfigurationLimits {
  /// The largest `project.toml` or paths file, in bytes (1 MiB).
  public static let fileBytes = 1 << 20
  /// The largest value of each `BP_GROUP_WRITABLE_*` variable, in bytes (1 MiB).
  public static let variableBytes = 1 << 20
  /// The most patterns from all sources together, `create` directories included.
  public static let patterns = 10_000
  /// The most `create` directories (`project.toml` and `BP_GROUP_WRITABLE_CREATE` together).
  public static let createDirectories = 1_000
  /// The most `ephemeral` directories (`project.toml` and `BP_GROUP_WRITABLE_EPHEMERAL` together).
  public static let ephemeralDirectories = 1_000
  /// The most bytes of `create` entries, and of `ephemeral` entries, each list in all: the report keeps them
  /// whole for the start-up check, so they bound its size.
  public static let directoryListBytes = 64 << 10
  /// The longest pattern (or directory entry), in bytes.
  public static let patternBytes = 4_096
  /// The most entries of `presets`, and of `BP_GROUP_WRITABLE_PRESETS`, each.
  public static let presetEntries = 16
  /// The longest preset name, in bytes (longer ones get no suggestion: they are not a misspelling).
  public static let presetNameBytes = 32
  /// The longest `ephemeral-base`, in bytes: the start-up check builds paths below it.
  public static let ephemeralBaseBytes = 200
  /// Unknown keys warned about one by one; the rest are counted in one more warning.
  public static let unknownKeysListed = 20
  /// The longest unknown key that gets a "did you mean" suggestion (edit distance is quadratic).
  public static let suggestedKeyLength = 64
}
