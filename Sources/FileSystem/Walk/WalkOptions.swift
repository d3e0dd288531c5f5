/// How to walk.
public struct WalkOptions: Sendable {
  /// Whether the app directory itself and everything in it is selected, whatever the patterns say.
  public var selectsEverything: Bool
  /// Whether handlers see every entry, selected or not (nothing is pruned); else only selected entries and the
  /// directories the walk enters.
  public var visitsEveryEntry: Bool
  /// Directories each walking thread keeps open at most; deeper levels are closed and opened again on the way
  /// back (nil: from the process's open-file limit, see `ResourceLimits`).
  public var descriptorBudget: Int?
  /// Seconds before the first progress report; later ones follow every `progressInterval`.
  public var progressDelay: Double
  /// Seconds between progress reports.
  public var progressInterval: Double
  /// Where time comes from (for progress).
  public var clock: any Clock

  /// Creates options.
  public init(
    selectsEverything: Bool = false, visitsEveryEntry: Bool = false, descriptorBudget: Int? = nil,
    progressDelay: Double = 2, progressInterval: Double = 5, clock: any Clock = MonotonicClock()
  ) {
    self.selectsEverything = selectsEverything
    self.visitsEveryEntry = visitsEveryEntry
    self.descriptorBudget = descriptorBudget
    self.progressDelay = progressDelay
    self.progressInterval = progressInterval
    self.clock = clock
  }
}
