import FileSystem
import Patterns
import Testing

@testable import Core

extension TraceSuggestionTests {
  /// Random write lists over a few names that meet every rule (SplitMix64: one seed, one sequence).
  struct TraceGenerator: SplitMixRandom {
    static let directories = ["tmp", "db", "a", "x*y", "#h", "!n", "s ", "b\\"]
    static let names = ["f", "g", "app.db", "app.db-wal", "app.db-journal", "s "]
    static let errors: [Errno?] = [
      nil, nil, .permissionDenied, .noSuchFileOrDirectory, .readOnlyFileSystem, .notPermitted,
      .fileExists,
    ]
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func writes() -> [TracedWrite] {
      (0...next(10)).map { _ in
        let action = pick(WriteAction.allCases)
        let name = pick(Self.names)
        let text = ((0..<next(3)).map { _ in pick(Self.directories) } + [name]).joined(
          separator: "/")
        let root = !action.changesDirectory && next(12) == 0
        return TracedWrite(
          path: root ? .appDirectory : RelativePath(stringLiteral: text), action: action,
          error: pick(Self.errors),
          isSQLiteDatabase: name == "app.db" && next(2) == 0)
      }
    }
  }

  /// Whether a suggestion lets each write succeed after a build, checked with the build's own matcher.
  enum TraceCoverage {
    /// The writes the suggestion leaves failing (action and display path), empty when it covers them all.
    static func uncovered(_ writes: [TracedWrite], _ suggestion: PatternSuggestion) throws
      -> [String]
    {
      let set = try TraceSuggestionTests.patternSet(
        paths: suggestion.paths, create: suggestion.create)
      func selected(_ path: RelativePath, directory: Bool) -> Bool {
        set.decide(path: path.bytes, isDirectory: directory)?.isSelected == true
      }
      func listed(_ paths: (SuggestionNote) -> [String]?) -> [String] {
        suggestion.notes.compactMap(paths).first ?? []
      }
      let root = listed { if case .appDirectoryEntries(let paths) = $0 { paths } else { nil } }
      let owner = listed { if case .needsOwner(let paths) = $0 { paths } else { nil } }
      let readOnly = listed { if case .readOnlyFileSystem(let paths) = $0 { paths } else { nil } }
      let databases = Set(writes.filter(\.isSQLiteDatabase).map(\.path))
      let made = Set(writes.filter { $0.action == .makeDirectory }.map(\.path))
      var failing: [String] = []
      for (write, owned) in zip(writes, PatternSuggestion.ownedByApp(writes)) {
        let path = write.path
        let shown = path.isAppDirectory ? "." : DisplayPath.relative(path.bytes, isDirectory: false)
        if write.error == .readOnlyFileSystem && !readOnly.contains(shown) {
          failing.append("EROFS \(shown)")
        }
        let succeeds: Bool
        switch write.action {
        case .makeDirectory where write.error == .fileExists,
          .remove where write.error == .noSuchFileOrDirectory,
          .renameFrom where write.error == .noSuchFileOrDirectory:
          succeeds = true
        case .create, .makeDirectory, .remove, .renameFrom, .renameTo:
          guard let directory = path.parent else {
            succeeds = root.contains(".")
            break
          }
          if write.action.makesName, write.error == .noSuchFileOrDirectory,
            !directory.isAppDirectory,
            !made.contains(directory)
          {
            succeeds = suggestion.create.contains(directory.description)
          } else if let database = database(ofCompanion: path, databases),
            selected(database, directory: false)
          {
            succeeds = true
          } else {
            succeeds =
              directory.isAppDirectory ? root.contains(shown) : selected(directory, directory: true)
          }
        case .changeTimes where write.error == .notPermitted, .changeMode, .changeOwner:
          succeeds = owned || owner.contains(shown)
        case .writeInPlace, .changeTimes:
          succeeds =
            owned
            || (path.isAppDirectory
              ? root.contains(".")
              : selected(path, directory: false) || selected(path, directory: true))
        }
        if !succeeds { failing.append("\(write.action) \(shown)") }
      }
      return failing
    }

    /// The marked database `path` is a `-journal`, `-wal` or `-shm` file of.
    static func database(ofCompanion path: RelativePath, _ databases: Set<RelativePath>)
      -> RelativePath?
    {
      let text = path.description
      for suffix in ["-journal", "-wal", "-shm"] where text.hasSuffix(suffix) {
        if let base = try? RelativePath(String(text.dropLast(suffix.count))),
          databases.contains(base),
          base.parent == path.parent
        {
          return base
        }
      }
      return nil
    }

    /// The path a suggested pattern stands for (generated names need no `?`).
    static func unescaped(_ pattern: String) -> [UInt8] {
      var bytes: [UInt8] = []
      var escaping = false
      // A pattern's only unescaped `/`s are its first, its separators and a directory's last.
      for byte in pattern.utf8.dropFirst().dropLast(pattern.hasSuffix("/") ? 1 : 0) {
        if byte == UInt8(ascii: "\\") && !escaping {
          escaping = true
          continue
        }
        escaping = false
        bytes.append(byte)
      }
      return bytes
    }
  }
}
