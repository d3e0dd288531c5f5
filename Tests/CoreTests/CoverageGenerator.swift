import FileSystem
import Patterns
import Testing

@testable import Core

/// Random write lists over a few names that meet every rule (SplitMix64: one seed, one sequence).
struct CoverageGenerator: SplitMixRandom {
  static let directories = ["tmp", "db", "a", "x*y", "#h", "s ", "log"]
  static let names = ["f", "g", "app.db", "app.db-wal", "app.db-journal", "d"]
  static let errors: [Errno?] = [
    nil, nil, nil, .permissionDenied, .noSuchFileOrDirectory, .readOnlyFileSystem, .notPermitted,
    .fileExists,
  ]
  var state: UInt64

  init(seed: UInt64) { state = seed }

  /// One path: up to three directories deep, or the app root for a write that changes no name.
  mutating func path(_ action: WriteAction) -> (RelativePath, name: String) {
    let name = pick(Self.names)
    if !action.changesDirectory && next(12) == 0 { return (.appDirectory, name) }
    let text = ((0..<next(4)).map { _ in pick(Self.directories) } + [name]).joined(separator: "/")
    return ((try? RelativePath(text)) ?? .appDirectory, name)
  }

  mutating func writes() -> [TracedWrite] {
    var writes: [TracedWrite] = []
    var marked: Set<RelativePath> = []
    for _ in 0...next(12) {
      // Now and then a write below a path an earlier write named, so made directories have contents.
      if let earlier = writes.last(where: { !$0.path.isAppDirectory }), next(3) == 0 {
        let child =
          (try? RelativePath(bytes: earlier.path.bytes + Array("/\(pick(Self.names))".utf8)))
          ?? earlier.path
        writes.append(
          TracedWrite(path: child, action: pick(WriteAction.allCases), error: pick(Self.errors)))
        continue
      }
      let action = pick(WriteAction.allCases)
      let (path, name) = path(action)
      if name == "app.db" && next(2) == 0 { marked.insert(path) }
      writes.append(TracedWrite(path: path, action: action, error: pick(Self.errors)))
    }
    // As `DatabaseMarker` marks them: a regular file at the end, so no entry below it, that the trace did not create.
    let databases = marked.filter { database in
      !writes.contains {
        ($0.path == database && $0.action == .create)
          || ($0.path.components.count > database.components.count
            && $0.path.components.starts(with: database.components))
      }
    }
    return writes.map {
      TracedWrite(
        path: $0.path, action: $0.action, error: $0.error,
        isSQLiteDatabase: databases.contains($0.path))
    }
  }

  /// A write as `action path error`, `.` for the root, `(db)` for a marked database.
  static func describe(_ write: TracedWrite) -> String {
    "\(write.action.rawValue) \(write.path.isAppDirectory ? "." : write.path.description)"
      + (write.error.map { " \($0.name)" } ?? "") + (write.isSQLiteDatabase ? " (db)" : "")
  }
}
