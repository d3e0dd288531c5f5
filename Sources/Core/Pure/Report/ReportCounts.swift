/// The numbers of a run.
public struct ReportCounts: Sendable, Equatable, Codable {
  /// Directory entries read.
  public var scanned = 0
  /// Selected entries.
  public var selected = 0
  /// Selected directories whose mode changed.
  public var directoriesChanged = 0
  /// Selected files whose mode changed.
  public var filesChanged = 0
  /// Directories above selected entries that got group search.
  public var ancestorsChanged = 0
  /// Selected directories and files that already had the bits.
  public var alreadyWritable = 0
  /// Selected entries left as they are (symlinks, special, hard-linked, setuid/setgid, changed during the walk).
  public var skipped = 0
  /// Entries that could not be changed.
  public var failed = 0
  /// Entries that lost world write.
  public var worldWriteRemoved = 0
  /// Entries outside the selection that lost group write (`exclusive`).
  public var groupWriteRemoved = 0
  /// Directories of selected SQLite databases made group-writable with the sticky bit.
  public var databaseDirectories = 0
  /// Entries whose mode changed, for whatever reasons (each counted once).
  public var entriesChanged = 0
  /// Directories never opened because no pattern can select anything in them.
  public var directoriesPruned = 0
  /// Directories that could not be read.
  public var directoriesUnread = 0

  /// Creates zero counts.
  public init() {}

  enum CodingKeys: String, CodingKey {
    case scanned, selected
    case directoriesChanged = "directories-changed"
    case filesChanged = "files-changed"
    case ancestorsChanged = "ancestors-changed"
    case alreadyWritable = "already-writable"
    case skipped, failed
    case worldWriteRemoved = "world-write-removed"
    case groupWriteRemoved = "group-write-removed"
    case databaseDirectories = "database-directories"
    case entriesChanged = "entries-changed"
    case directoriesPruned = "directories-pruned"
    case directoriesUnread = "directories-unread"
  }

  /// Decodes counts; keys an older report lacks are 0.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    func count(_ key: CodingKeys) throws -> Int {
      try container.decodeIfPresent(Int.self, forKey: key) ?? 0
    }
    scanned = try count(.scanned)
    selected = try count(.selected)
    directoriesChanged = try count(.directoriesChanged)
    filesChanged = try count(.filesChanged)
    ancestorsChanged = try count(.ancestorsChanged)
    alreadyWritable = try count(.alreadyWritable)
    skipped = try count(.skipped)
    failed = try count(.failed)
    worldWriteRemoved = try count(.worldWriteRemoved)
    groupWriteRemoved = try count(.groupWriteRemoved)
    databaseDirectories = try count(.databaseDirectories)
    entriesChanged = try count(.entriesChanged)
    directoriesPruned = try count(.directoriesPruned)
    directoriesUnread = try count(.directoriesUnread)
  }
}
