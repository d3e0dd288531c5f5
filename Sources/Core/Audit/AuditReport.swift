/// Findings of the CBPP-0002-style static checks on the app directory.
public struct AuditReport: Sendable, Equatable {
  /// Executables with the setuid or setgid bit.
  public var setIDExecutables = SampledPaths(limit: SelectionReport.sampleLimit)
  /// Entries anyone may write (`o+w`), symlinks excepted.
  public var worldWritable = SampledPaths(limit: SelectionReport.sampleLimit)
  /// Entries owned by a user other than the build user.
  public var foreignOwned = SampledPaths(limit: SelectionReport.sampleLimit)
  /// The owners of `foreignOwned` entries, at most a few.
  public var foreignOwners: [UInt32] = []
  /// The user the build (or the audit) runs as.
  public var userID: UInt32 = 0
  /// Entries inspected.
  public var inspected = 0

  /// Creates an empty report for `userID`.
  public init(userID: UInt32) {
    self.userID = userID
  }

  /// Whether the build runs as root.
  public var runsAsRoot: Bool { userID == 0 }

  /// Whether anything was found.
  public var hasFindings: Bool {
    runsAsRoot || setIDExecutables.total > 0 || worldWritable.total > 0 || foreignOwned.total > 0
  }
}
