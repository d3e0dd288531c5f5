/// Findings of the CBPP-0002-style static checks on the app directory, after the run's changes.
public struct AuditFindings: Sendable, Equatable, Codable {
  /// Executables with the setuid or setgid bit.
  public var setIDExecutables = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Entries anyone may write (`o+w`), symlinks excepted.
  public var worldWritable = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Entries owned by a user other than the build user.
  public var foreignOwned = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// The owners of `foreignOwned` entries, at most a few.
  public var foreignOwners: [Int] = []
  /// Directories the audit could not read: it saw nothing below them.
  public var unread = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Group-writable entries whose ACL lets named users or groups write.
  public var aclWritable = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Files with capabilities that the group or others may write.
  public var writableCapabilityFiles = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Group-writable directories with a default ACL.
  public var defaultACLDirectories = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Mount points inside the app directory (bind mounts, volumes): not audited.
  public var otherFileSystems = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Entries others may write whose ACL and capabilities could not be read.
  public var unreadAttributes = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// The user the build (or the audit) runs as.
  public var userID = 0
  /// Entries inspected.
  public var inspected = 0

  /// Creates empty findings for `userID`.
  public init(userID: Int) {
    self.userID = userID
  }

  /// Whether the build runs as root.
  public var runsAsRoot: Bool { userID == 0 }

  /// Whether the audit saw the whole app directory.
  public var isComplete: Bool { unread.isEmpty && unreadAttributes.isEmpty }

  /// Whether anything was found.
  public var hasFindings: Bool {
    runsAsRoot || !setIDExecutables.isEmpty || !worldWritable.isEmpty || !foreignOwned.isEmpty
      || !aclWritable.isEmpty || !writableCapabilityFiles.isEmpty || !defaultACLDirectories.isEmpty
  }

  /// Adds another thread's findings from the same walk.
  public mutating func add(_ other: AuditFindings) {
    setIDExecutables.add(contentsOf: other.setIDExecutables)
    worldWritable.add(contentsOf: other.worldWritable)
    foreignOwned.add(contentsOf: other.foreignOwned)
    unread.add(contentsOf: other.unread)
    aclWritable.add(contentsOf: other.aclWritable)
    writableCapabilityFiles.add(contentsOf: other.writableCapabilityFiles)
    defaultACLDirectories.add(contentsOf: other.defaultACLDirectories)
    unreadAttributes.add(contentsOf: other.unreadAttributes)
    otherFileSystems.add(contentsOf: other.otherFileSystems)
    inspected += other.inspected
    for owner in other.foreignOwners { noteOwner(owner) }
  }

  /// Remembers the owner of a foreign-owned entry (a few distinct ones).
  public mutating func noteOwner(_ owner: Int) {
    if foreignOwners.count < 5 && !foreignOwners.contains(owner) { foreignOwners.append(owner) }
  }
}

extension AuditFindings {
  enum CodingKeys: String, CodingKey {
    case inspected, unread
    case userID = "user-id"
    case setIDExecutables = "setid-executables"
    case worldWritable = "world-writable"
    case foreignOwned = "foreign-owned"
    case foreignOwners = "foreign-owners"
    case aclWritable = "acl-writable"
    case writableCapabilityFiles = "writable-capability-files"
    case defaultACLDirectories = "default-acl-directories"
    case unreadAttributes = "unread-attributes"
    case otherFileSystems = "other-file-systems"
  }
}

extension AuditFindings {
  /// Decodes audit findings; a key an older report lacks (0.2.0 had fewer) is left empty.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(userID: 0)
    try container.fill(&inspected, .inspected)
    try container.fill(&unread, .unread)
    try container.fill(&userID, .userID)
    try container.fill(&setIDExecutables, .setIDExecutables)
    try container.fill(&worldWritable, .worldWritable)
    try container.fill(&foreignOwned, .foreignOwned)
    try container.fill(&foreignOwners, .foreignOwners)
    try container.fill(&aclWritable, .aclWritable)
    try container.fill(&writableCapabilityFiles, .writableCapabilityFiles)
    try container.fill(&defaultACLDirectories, .defaultACLDirectories)
    try container.fill(&unreadAttributes, .unreadAttributes)
    try container.fill(&otherFileSystems, .otherFileSystems)
  }
}
