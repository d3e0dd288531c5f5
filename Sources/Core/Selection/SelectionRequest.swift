import FileSystem
import Patterns

/// What to select and what to do with it.
public struct SelectionRequest {
  /// What a run does with the selected entries.
  public enum Mode {
    /// Report them only.
    case list
    /// Give the group access; with `dryRun`, only report what would change.
    case apply(dryRun: Bool)
  }

  /// The patterns, in order (later ones win).
  public var patterns: [Pattern]
  /// Directories to create first; they are selected whatever the patterns say.
  public var create: [String]
  /// Whether the app directory itself and everything in it is selected.
  public var wholeApp: Bool
  /// How modes change.
  public var rule: PermissionRule
  /// What to do.
  public var mode: Mode

  /// Creates a request.
  public init(
    patterns: [Pattern], create: [String] = [], wholeApp: Bool = false,
    rule: PermissionRule = PermissionRule(), mode: Mode
  ) {
    self.patterns = patterns
    self.create = create
    self.wholeApp = wholeApp
    self.rule = rule
    self.mode = mode
  }
}
