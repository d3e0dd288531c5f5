import Core
import FileSystem
import Patterns
import Tracer

/// Marks the traced entries that are SQLite databases the trace did not create: their journals then need only
/// the database selected (the build makes its directory writable with the sticky bit).
struct DatabaseMarker {
  /// The app directory.
  let app: AppDirectory

  /// The SQLite header (`SQLite format 3\0`).
  static let header: [UInt8] = Array("SQLite format 3\0".utf8)

  /// `records` with `isSQLiteDatabase` set on the entries that are databases now and were not created.
  func marked(_ records: [TraceRecord]) -> [TraceRecord] {
    let created = Set(records.lazy.filter { $0.write.action == .create }.map(\.write.path))
    var known: [RelativePath: Bool] = [:]
    return records.map { record in
      let path = record.write.path
      guard !path.isAppDirectory, !created.contains(path),
        !PatternSuggestion.isSQLiteCompanion(path)
      else { return record }
      let isDatabase = known[path] ?? isDatabaseFile(path)
      known[path] = isDatabase
      guard isDatabase else { return record }
      var marked = record
      marked.write = TracedWrite(
        path: path, action: record.write.action, error: record.write.error, isSQLiteDatabase: true)
      return marked
    }
  }

  /// Whether `path` is a regular file that starts with the SQLite header (read without following symlinks).
  private func isDatabaseFile(_ path: RelativePath) -> Bool {
    let header = try? app.withParent(of: path) { parent, name throws(Errno) -> [UInt8] in
      let file = try parent.openForReading(name)
      defer { file.close() }
      guard try file.status().kind == .regular else { return [] }
      var bytes = [UInt8](repeating: 0, count: Self.header.count)
      let count = bytes.withUnsafeMutableBytes { buffer in (try? file.read(into: buffer)) ?? 0 }
      return Array(bytes.prefix(count))
    }
    return header == Self.header
  }
}
