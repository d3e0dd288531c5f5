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
  /// Threads that walk selected directories; runs that report every entry as it happens use one.
  public var threads: Int

  /// The threads a run uses unless told otherwise: the CPUs this process may use, at most `maximumThreads`.
  public static func defaultThreads() -> Int { min(ProcessorCount.available(), maximumThreads) }

  /// More threads than this gain little: they mostly wait for the same file system.
  public static let maximumThreads = 4

  /// Creates a request.
  public init(
    patterns: [Pattern], create: [String] = [], wholeApp: Bool = false,
    rule: PermissionRule = PermissionRule(), mode: Mode, threads: Int = 1
  ) {
    self.patterns = patterns
    self.create = create
    self.wholeApp = wholeApp
    self.rule = rule
    self.mode = mode
    self.threads = threads
  }
}
