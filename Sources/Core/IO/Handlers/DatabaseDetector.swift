import FileSystem

/// Marks the directory of each selected file: one that holds an SQLite database (which needs its directory to
/// create journal, WAL and lock files), or one that holds another selected file (which can be written in place
/// but not replaced atomically while the directory stays closed).
final class DatabaseDetector: WalkHandler {
  /// The first 16 bytes of every SQLite 3 database file.
  static let sqliteHeader: [UInt8] = Array("SQLite format 3\0".utf8)
  /// The smallest SQLite page; a database file's size is always a multiple of its page size.
  static let smallestPage = 512

  private let reader: any FileHeaderReading
  private let recognisesDatabases: Bool

  init(reader: any FileHeaderReading, recognisesDatabases: Bool) {
    self.reader = reader
    self.recognisesDatabases = recognisesDatabases
  }

  func visit(_ entry: inout WalkEntry) -> DirectoryMarks {
    guard case .root = entry.selection, !entry.isAppRoot, entry.kind != .directory,
      let status = try? entry.status(), status.kind == .regular
    else { return [] }
    if recognisesDatabases && isDatabase(entry, status) { return .holdsDatabase }
    return .holdsSelectedFile
  }

  /// Whether the file starts like an SQLite database; only files of a plausible size are opened.
  private func isDatabase(_ entry: WalkEntry, _ status: FileStatus) -> Bool {
    guard status.size >= Self.smallestPage, status.size % Self.smallestPage == 0 else {
      return false
    }
    return reader.header(of: entry, expected: status, length: Self.sqliteHeader.count)
      == Self.sqliteHeader
  }
}
