import FileSystem
import Patterns

#if canImport(Glibc)
  import Glibc
#endif

/// Finds the files SQLite keeps next to a database (`-wal`, `-shm`, `-journal`) that the build left without
/// group write in a database directory: its sticky bit keeps the run user from replacing them, and it cannot
/// write them, so it cannot open the database.
enum DatabaseCompanions {
  /// The endings of SQLite's files next to a database.
  static let suffixes: [[UInt8]] = ["-wal", "-shm", "-journal"].map { Array($0.utf8) }
  /// Entries of one database directory looked at, at most.
  static let entriesPerDirectory = 10_000

  /// The display paths of such files in `directories` (display paths ending in `/`, as the report keeps them).
  static func closed(in directories: [String], tree: any AppTree) -> [String] {
    directories.flatMap { shown -> [String] in
      guard let path = DisplayPath.path(of: shown),
        let entries = tree.regularFiles(in: path, limit: entriesPerDirectory)
      else { return [] }
      return entries.compactMap { name, status in
        guard
          suffixes.contains(where: {
            name.count > $0.count && name.reversed().starts(with: $0.reversed())
          }),
          status.permissions & S_IWGRP == 0
        else { return nil }
        let bytes = path.isAppDirectory ? name : path.bytes + [UInt8(ascii: "/")] + name
        return DisplayPath.relative(bytes, isDirectory: false)
      }.sorted()
    }
  }
}
