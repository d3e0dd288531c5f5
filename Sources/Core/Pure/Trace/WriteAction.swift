/// What a traced system call tried to do to one entry of the app directory.
public enum WriteAction: String, Sendable, Hashable, Codable, CaseIterable {
  /// A new entry in its directory: `open`/`openat`/`creat` with `O_CREAT` of a missing name, `mknod`, `bind` of a
  /// Unix socket, `symlink`, `link` (the new name).
  case create
  /// `mkdir`.
  case makeDirectory
  /// `unlink`, `rmdir`.
  case remove
  /// The old name of a `rename`.
  case renameFrom
  /// The new name of a `rename`.
  case renameTo
  /// Opening an existing entry for writing (or with `O_TRUNC`), `truncate`.
  case writeInPlace
  /// The `chmod` family.
  case changeMode
  /// The `chown` family.
  case changeOwner
  /// `utimensat`, `utimes`.
  case changeTimes

  /// Whether the action adds, removes or renames a name, so it needs the entry's directory writable.
  var changesDirectory: Bool {
    switch self {
    case .create, .makeDirectory, .remove, .renameFrom, .renameTo: return true
    case .writeInPlace, .changeMode, .changeOwner, .changeTimes: return false
    }
  }

  /// Whether the action makes a name, so that failing with `ENOENT` means its directory is missing.
  var makesName: Bool { self == .create || self == .makeDirectory || self == .renameTo }
}
