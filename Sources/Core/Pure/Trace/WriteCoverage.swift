import Patterns

/// Which traced writes a configuration would still deny after a build: `trace --config`.
///
/// A write needs what `PatternSuggestion` would suggest for it: adding, removing or renaming a name needs the
/// name's directory writable; an in-place write needs the entry writable. After a build a directory is writable
/// when it is selected (or inside a selected directory), a `create` or `ephemeral` directory or inside one, in
/// whole-app mode, or, with `sqlite-directories`, when it holds a selected SQLite database; an entry when it is
/// selected or inside such a directory. Mode and owner changes are left out: no configuration grants them
/// (`SuggestionNote.needsOwner` names them).
public struct WriteCoverage {
  private let configuration: Configuration
  private let set: PatternSet

  /// The coverage `configuration` gives.
  public init(_ configuration: Configuration) {
    self.configuration = configuration
    set = PatternSet(configuration.patterns)
  }

  /// The writes of `writes` (in the order the app made them) that would fail after a build.
  public func denied(_ writes: [TracedWrite]) -> [TracedWrite] {
    let owned = PatternSuggestion.ownedByApp(writes)
    let made = Set(
      writes.lazy.filter { $0.action == .makeDirectory && $0.error != .fileExists }.map(\.path))
    let databases = writes.filter { $0.isSQLiteDatabase && isWritableEntry($0.path) }.compactMap(
      \.path.parent)
    let databaseDirectories = configuration.policy.opensDatabaseDirectories ? Set(databases) : []
    return zip(writes, owned).compactMap { write, isOwned in
      let path = write.path
      switch write.action {
      case .makeDirectory where write.error == .fileExists,
        .remove where write.error == .noSuchFileOrDirectory,
        .renameFrom where write.error == .noSuchFileOrDirectory:
        return nil
      case .create, .makeDirectory, .remove, .renameFrom, .renameTo:
        guard let directory = path.parent else {
          return configuration.wholeApp || databaseDirectories.contains(.appDirectory) ? nil : write
        }
        if write.action.makesName, write.error == .noSuchFileOrDirectory, !directory.isAppDirectory,
          !made.contains(directory)
        {
          // The directory is missing: only the build makes it, for a `create` entry and its parents.
          return isMadeByBuild(directory) ? nil : write
        }
        if made.contains(directory) && !isCreated(directory) { return nil }
        return isWritableDirectory(directory) || databaseDirectories.contains(directory)
          ? nil : write
      case .changeTimes where write.error == .notPermitted, .changeMode, .changeOwner:
        return nil
      case .writeInPlace, .changeTimes:
        return isOwned || isWritableEntry(path) ? nil : write
      }
    }
  }

  /// Whether the build makes `path`: a `create` or `ephemeral` entry, or a directory on the way to one.
  private func isMadeByBuild(_ path: RelativePath) -> Bool {
    (configuration.create + configuration.ephemeral).contains {
      $0.components.starts(with: path.components)
    }
  }

  /// Whether `path` is a `create` or `ephemeral` directory or inside one.
  private func isCreated(_ path: RelativePath) -> Bool {
    (configuration.create + configuration.ephemeral).contains {
      path.components.starts(with: $0.components)
    }
  }

  private func isWritableDirectory(_ path: RelativePath) -> Bool {
    if configuration.wholeApp || isCreated(path) { return true }
    if path.isAppDirectory { return false }
    return set.decide(path: path.bytes, isDirectory: true)?.isSelected == true
  }

  private func isWritableEntry(_ path: RelativePath) -> Bool {
    if configuration.wholeApp || isCreated(path) { return true }
    if path.isAppDirectory { return false }
    // The trace does not record whether the entry is a file or a directory: either selection makes it writable.
    return set.decide(path: path.bytes, isDirectory: false)?.isSelected == true
      || set.decide(path: path.bytes, isDirectory: true)?.isSelected == true
  }
}
