/// What a run changed besides granting the selection, what it left, and what it could not see: each a sample
/// with its total.
public struct ReportChanges: Sendable, Equatable, Codable {
  /// Directories above selected entries given group search (`g+x`).
  public var ancestorsGranted = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Entries that lost world write, with the old and new modes.
  public var worldWriteRemoved = Sample<ModeChange>(limit: ReportLimits.pathsPerNotice)
  /// Entries outside the selection that lost group write (`exclusive`).
  public var groupWriteRemoved = Sample<ModeChange>(limit: ReportLimits.pathsPerNotice)
  /// Directories of selected SQLite databases, now group-writable with the sticky bit.
  public var databaseDirectories = Sample<ModeChange>(limit: ReportLimits.pathsPerNotice)
  /// Entries outside the selection that are group-writable (seen when `exclusive` is off).
  public var groupWritableOutside = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Directories holding selected files that stay closed to the group (atomic saves there will fail).
  public var closedDirectories = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Directories of selected SQLite databases that the build user cannot change.
  public var closedDatabaseDirectories = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Files SQLite keeps next to a database (`-wal`, `-shm`, `-journal`) left without group write in a database
  /// directory (sticky: the run user cannot replace them either).
  public var closedDatabaseCompanions = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Entries left world-writable (or otherwise as the platform made them) because another user owns them.
  public var keptByPlatform = Sample<ModeChange>(limit: ReportLimits.pathsPerNotice)
  /// The owners of `keptByPlatform` entries, at most a few.
  public var keptByPlatformOwners: [Int] = []
  /// Directories that could not be read, where only the visit of every entry (not the selection) missed them.
  public var unread = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Selected symlinks, never followed or changed.
  public var symbolicLinks = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Selected FIFOs, sockets and devices, never opened or made group-writable.
  public var specialFiles = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Selected files with more than one hard link, left unchanged.
  public var hardLinkedFiles = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Selected setuid/setgid files, left unchanged.
  public var setIDFiles = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Entries that vanished or changed between being listed, inspected and changed.
  public var changedDuringWalk = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Selected entries a privileged run did not grant: found through a directory anyone could rename entries in.
  public var reachedThroughOpenDirectory = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Selected files with capabilities (`security.capability`), not made group-writable.
  public var capabilityFiles = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Selected entries with an extended access ACL, not made group-writable.
  public var aclEntries = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Entries whose ACL named someone with write, and whose mask (group bits) lost write.
  public var aclWriteRemoved = Sample<ModeChange>(limit: ReportLimits.pathsPerNotice)
  /// Entries whose ACL still lets named users or groups write (world write kept, or another user owns them).
  public var aclWriteKept = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Setuid, setgid and capability files that lost group write.
  public var protectedWriteRemoved = Sample<ModeChange>(limit: ReportLimits.pathsPerNotice)
  /// Group-writable directories with a default ACL, which entries made in them inherit.
  public var defaultACLDirectories = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Entries whose ACL and capabilities could not be read.
  public var attributesUnread = SampledPaths(limit: ReportLimits.pathsPerNotice)
  /// Mount points inside the app directory (bind mounts, volumes): neither changed nor entered.
  public var otherFileSystems = SampledPaths(limit: ReportLimits.pathsPerNotice)

  /// Nothing yet.
  public init() {}

  /// Adds what another thread's share of the same walk saw.
  public mutating func add(_ other: ReportChanges) {
    for sample in Self.pathSamples { self[keyPath: sample].add(contentsOf: other[keyPath: sample]) }
    for sample in Self.modeSamples { self[keyPath: sample].add(contentsOf: other[keyPath: sample]) }
    for owner in other.keptByPlatformOwners { noteOwner(owner) }
  }

  /// Remembers the owner of a `keptByPlatform` entry (a few distinct ones).
  public mutating func noteOwner(_ owner: Int) {
    if keptByPlatformOwners.count < 5 && !keptByPlatformOwners.contains(owner) {
      keptByPlatformOwners.append(owner)
    }
  }

  // Immutable key paths, only read.
  nonisolated(unsafe) static let pathSamples: [WritableKeyPath<ReportChanges, SampledPaths>] = [
    \.ancestorsGranted, \.groupWritableOutside, \.closedDirectories, \.closedDatabaseDirectories,
    \.closedDatabaseCompanions,
    \.unread,
    \.symbolicLinks, \.specialFiles, \.hardLinkedFiles, \.setIDFiles, \.changedDuringWalk,
    \.reachedThroughOpenDirectory, \.capabilityFiles, \.aclEntries, \.aclWriteKept,
    \.defaultACLDirectories,
    \.attributesUnread, \.otherFileSystems,
  ]
  nonisolated(unsafe) static let modeSamples: [WritableKeyPath<ReportChanges, Sample<ModeChange>>] =
    [
      \.worldWriteRemoved, \.groupWriteRemoved, \.databaseDirectories, \.keptByPlatform,
      \.aclWriteRemoved,
      \.protectedWriteRemoved,
    ]
}

/// One entry's mode change (or the change it needed), ordered by path.
public struct ModeChange: Sendable, Equatable, Comparable, Codable {
  /// The display path.
  public var path: String
  /// The permission bits before.
  public var from: Int
  /// The permission bits after (or wanted).
  public var to: Int

  /// Creates a change.
  public init(path: String, from: Int, to: Int) {
    self.path = path
    self.from = from
    self.to = to
  }

  /// By path, then modes.
  public static func < (lhs: ModeChange, rhs: ModeChange) -> Bool {
    (lhs.path, lhs.from, lhs.to) < (rhs.path, rhs.from, rhs.to)
  }
}

extension ReportChanges {
  enum CodingKeys: String, CodingKey {
    case unread
    case ancestorsGranted = "ancestors-granted"
    case worldWriteRemoved = "world-write-removed"
    case groupWriteRemoved = "group-write-removed"
    case databaseDirectories = "database-directories"
    case groupWritableOutside = "group-writable-outside"
    case closedDirectories = "closed-directories"
    case closedDatabaseDirectories = "closed-database-directories"
    case closedDatabaseCompanions = "closed-database-companions"
    case keptByPlatform = "kept-by-platform"
    case keptByPlatformOwners = "kept-by-platform-owners"
    case symbolicLinks = "symbolic-links"
    case specialFiles = "special-files"
    case hardLinkedFiles = "hard-linked-files"
    case setIDFiles = "setid-files"
    case changedDuringWalk = "changed-during-walk"
    case reachedThroughOpenDirectory = "reached-through-open-directory"
    case capabilityFiles = "capability-files"
    case aclEntries = "acl-entries"
    case aclWriteRemoved = "acl-write-removed"
    case aclWriteKept = "acl-write-kept"
    case protectedWriteRemoved = "protected-write-removed"
    case defaultACLDirectories = "default-acl-directories"
    case attributesUnread = "attributes-unread"
    case otherFileSystems = "other-file-systems"
  }
}

extension ReportChanges {
  /// Decodes a report's changes; a key an older report lacks (0.2.0 had fewer) is left empty.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init()
    try container.fill(&unread, .unread)
    try container.fill(&ancestorsGranted, .ancestorsGranted)
    try container.fill(&worldWriteRemoved, .worldWriteRemoved)
    try container.fill(&groupWriteRemoved, .groupWriteRemoved)
    try container.fill(&databaseDirectories, .databaseDirectories)
    try container.fill(&groupWritableOutside, .groupWritableOutside)
    try container.fill(&closedDirectories, .closedDirectories)
    try container.fill(&closedDatabaseDirectories, .closedDatabaseDirectories)
    try container.fill(&closedDatabaseCompanions, .closedDatabaseCompanions)
    try container.fill(&keptByPlatform, .keptByPlatform)
    try container.fill(&keptByPlatformOwners, .keptByPlatformOwners)
    try container.fill(&symbolicLinks, .symbolicLinks)
    try container.fill(&specialFiles, .specialFiles)
    try container.fill(&hardLinkedFiles, .hardLinkedFiles)
    try container.fill(&setIDFiles, .setIDFiles)
    try container.fill(&changedDuringWalk, .changedDuringWalk)
    try container.fill(&reachedThroughOpenDirectory, .reachedThroughOpenDirectory)
    try container.fill(&capabilityFiles, .capabilityFiles)
    try container.fill(&aclEntries, .aclEntries)
    try container.fill(&aclWriteRemoved, .aclWriteRemoved)
    try container.fill(&aclWriteKept, .aclWriteKept)
    try container.fill(&protectedWriteRemoved, .protectedWriteRemoved)
    try container.fill(&defaultACLDirectories, .defaultACLDirectories)
    try container.fill(&attributesUnread, .attributesUnread)
    try container.fill(&otherFileSystems, .otherFileSystems)
  }
}
