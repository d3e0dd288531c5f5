import FileSystem
import Patterns

/// The smallest configuration that lets every traced write succeed after a build.
///
/// A directory pattern `/a/b/` makes `a/b` and everything below it group-writable, a file pattern `/a/f` only
/// that entry (in place); adding, removing or renaming a name needs the name's directory writable. Successful and
/// failed writes count the same: both show what the app needs.
public struct PatternSuggestion: Equatable, Sendable {
  /// Gitignore-format patterns, sorted by byte order, ready for `paths = [...]`.
  public let paths: [String]
  /// Directories for `create = [...]`, sorted by byte order.
  public let create: [String]
  /// What patterns cannot grant.
  public let notes: [SuggestionNote]

  /// The suggestion for `writes`, given in the order the app made them.
  public static func suggest(_ writes: [TracedWrite]) -> PatternSuggestion {
    // A directory the app tried to make and found there (`EEXIST`) is not one it makes.
    let made = Set(
      writes.lazy.filter { $0.action == .makeDirectory && $0.error != .fileExists }.map(\.path))
    let owned = ownedByApp(writes)
    var needs = Needs(databases: Set(writes.lazy.filter(\.isSQLiteDatabase).map(\.path)))
    for (write, isOwned) in zip(writes, owned) {
      if write.error == .readOnlyFileSystem { needs.readOnly.insert(write.path) }
      needs.add(write, ownedByApp: isOwned, made: made)
    }
    return needs.suggestion()
  }

  /// For each write, whether its entry is one the app itself made earlier in the trace (it then owns it: a mode,
  /// owner or in-place change of it needs nothing). A `rename` is its `renameFrom` followed by its `renameTo`.
  static func ownedByApp(_ writes: [TracedWrite]) -> [Bool] {
    var owned: Set<RelativePath> = []
    var renamedOwned = false
    var result: [Bool] = []
    result.reserveCapacity(writes.count)
    for write in writes {
      let isOwned = owned.contains(write.path)
      result.append(isOwned)
      switch write.action {
      case .create, .makeDirectory:
        if write.error != .fileExists { owned.insert(write.path) }
      case .remove, .renameFrom:
        owned.remove(write.path)
      case .renameTo:
        if renamedOwned { owned.insert(write.path) } else { owned.remove(write.path) }
      case .writeInPlace, .changeMode, .changeOwner, .changeTimes:
        break
      }
      renamedOwned = write.action == .renameFrom && isOwned
    }
    return result
  }
}

extension PatternSuggestion {
  /// What the writes need, gathered write by write, before minimising.
  struct Needs {
    /// The SQLite databases that existed before the trace.
    let databases: Set<RelativePath>
    /// The names added, removed or renamed in each directory, by directory.
    var entries: [RelativePath: Set<RelativePath>] = [:]
    /// Entries written in place.
    var files: Set<RelativePath> = []
    /// Missing directories the build must make.
    var creates: Set<RelativePath> = []
    /// Entries that need the app root writable (the root itself for its own in-place writes).
    var rootEntries: Set<RelativePath> = []
    /// Entries whose change only their owner may make.
    var ownerOnly: Set<RelativePath> = []
    /// Entries whose write failed with `EROFS`.
    var readOnly: Set<RelativePath> = []

    /// Adds what `write` needs; `made` holds every directory the app tried to make.
    mutating func add(_ write: TracedWrite, ownedByApp: Bool, made: Set<RelativePath>) {
      let path = write.path
      switch write.action {
      case .makeDirectory where write.error == .fileExists:
        // The directory is there already (`mkdir -p`): nothing to make, nothing needed.
        return
      case .remove where write.error == .noSuchFileOrDirectory,
        .renameFrom where write.error == .noSuchFileOrDirectory:
        // No such name (`rm -f`): the kernel looks the name up before it checks the directory's permission.
        return
      case .create, .makeDirectory, .remove, .renameFrom, .renameTo:
        guard let directory = path.parent else {
          rootEntries.insert(path)
          return
        }
        if write.action.makesName, write.error == .noSuchFileOrDirectory, !directory.isAppDirectory,
          !made.contains(directory)
        {
          addMissing(directory)
        } else {
          entries[directory, default: []].insert(path)
        }
      case .changeTimes where write.error == .notPermitted, .changeMode, .changeOwner:
        if !ownedByApp { ownerOnly.insert(path) }
      case .writeInPlace, .changeTimes:
        if ownedByApp { return }
        if path.isAppDirectory { rootEntries.insert(path) } else { files.insert(path) }
      }
    }

    /// A directory the app writes in but never makes: the build makes it, or, when its path cannot be a TOML
    /// string, the app must be able to make it in its parent.
    private mutating func addMissing(_ directory: RelativePath) {
      if String(validating: directory.bytes, as: UTF8.self) != nil {
        creates.insert(directory)
      } else if let parent = directory.parent {
        entries[parent, default: []].insert(directory)
      }
    }

    /// The minimal patterns, `create` entries and notes for what was gathered.
    func suggestion() -> PatternSuggestion {
      var directories: Set<RelativePath> = []
      var files = files
      var rootEntries = rootEntries
      for (directory, names) in entries {
        let bases = names.map { (name: $0, database: database(ofCompanion: $0)) }
        if directory.isAppDirectory {
          // No pattern opens the root; a selected database opens it sticky, for its own journals.
          for base in bases {
            if let database = base.database {
              files.insert(database)
            } else {
              rootEntries.insert(base.name)
            }
          }
        } else if bases.allSatisfy({ $0.database != nil }) {
          files.formUnion(bases.compactMap(\.database))
        } else {
          directories.insert(directory)
        }
      }
      let covering = directories.union(files).union(creates)
      func isCoveredByAncestor(_ path: RelativePath) -> Bool {
        (1..<max(path.components.count, 1)).contains { covering.contains(path.prefix($0)) }
      }
      let keptDirectories = directories.filter { !creates.contains($0) && !isCoveredByAncestor($0) }
      let keptFiles = files.filter {
        !directories.contains($0) && !creates.contains($0) && !isCoveredByAncestor($0)
      }
      let patterns =
        keptDirectories.map { PatternSuggestion.patternText($0, isDirectory: true) }
        + keptFiles.map { PatternSuggestion.patternText($0, isDirectory: false) }
      var notes: [SuggestionNote] = []
      if !rootEntries.isEmpty {
        notes.append(.appDirectoryEntries(PatternSuggestion.display(rootEntries)))
      }
      if !ownerOnly.isEmpty { notes.append(.needsOwner(PatternSuggestion.display(ownerOnly))) }
      if !readOnly.isEmpty {
        notes.append(.readOnlyFileSystem(PatternSuggestion.display(readOnly)))
      }
      return PatternSuggestion(
        paths: PatternSuggestion.sortedByBytes(patterns),
        create: PatternSuggestion.sortedByBytes(creates.map(\.description)), notes: notes)
    }

    /// The database (marked SQLite) whose `-journal`, `-wal` or `-shm` companion `path` is, if any.
    func database(ofCompanion path: RelativePath) -> RelativePath? {
      guard let name = path.components.last, let directory = path.parent else { return nil }
      for suffix in PatternSuggestion.companionSuffixes
      where name.count > suffix.count && name.suffix(suffix.count).elementsEqual(suffix) {
        let base = Array(name.dropLast(suffix.count))
        let bytes = directory.isAppDirectory ? base : directory.bytes + [UInt8(ascii: "/")] + base
        if let database = try? RelativePath(bytes: bytes), databases.contains(database) {
          return database
        }
      }
      return nil
    }
  }
}
