#if canImport(Glibc)
  import Glibc
#endif

/// Why a directory outside the app (an ephemeral directory's writable place) could not be opened or made.
public enum OwnedDirectoryError: Error, Equatable, Sendable {
  /// `path` belongs to `owner`, another user than the process's (and, above the base, than root): that user may
  /// rename or replace what lies below it.
  case notOwned(path: String, owner: uid_t)
  /// `path` is writable by its group or by others without the sticky bit, so any of them may rename what it
  /// holds and put something else in its place.
  case othersMayRename(path: String, permissions: mode_t)
  /// `path` is a symlink (or not a directory), and none is followed.
  case notDirectory(path: String)
  /// A system call failed on `path`.
  case systemError(path: String, Errno)

  /// Whether the path may lead where another user chooses (rather than just not being there).
  public var isControlledByAnotherUser: Bool {
    switch self {
    case .notOwned, .othersMayRename, .notDirectory: return true
    case .systemError: return false
    }
  }
}

/// Directories outside the app directory that the running process makes for itself (under `/tmp` by default),
/// opened component by component from `/` without following a symlink.
///
/// Nobody but root and the process's user may be able to change the path once it is checked: every directory on
/// it, `/` included, belongs to root or to the user (from the base down: to the user) and is writable by no one
/// else, or has the sticky bit (`/tmp` is 1777). A sticky directory's entries may be renamed only by their owner,
/// the directory's owner and root, and every entry on the path is checked to be one of theirs.
public enum OwnedDirectory {
  /// Opens the absolute directory `path`, making missing components with `mode`. Every component from the
  /// `ownedFrom`-th on (1 = the first below `/`) must be owned by `owner`, made now or found so; `/` and the
  /// components above must be owned by root or by `owner`. Returns the open directory and whether the last
  /// component was made now.
  public static func open(
    _ path: String, mode: mode_t, owner: uid_t, ownedFrom: Int
  ) throws(OwnedDirectoryError) -> (directory: FileDescriptor, made: Bool) {
    var current: FileDescriptor
    do {
      current = try AppDirectory.open("/").descriptor
    } catch {
      throw .systemError(path: "/", error)
    }
    do {
      try check(current, path: "/", owners: [0, owner])
    } catch {
      current.close()
      throw error
    }
    var shown = ""
    var made = false
    for (index, component) in path.split(separator: "/").map(String.init).enumerated() {
      shown += "/" + component
      let owners: [uid_t] = index + 1 >= ownedFrom ? [owner] : [0, owner]
      let step = enter(component, in: current, mode: mode, owners: owners, shown: shown)
      current.close()
      switch step {
      case .success(let (next, wasMade)):
        current = next
        made = wasMade
      case .failure(let error):
        throw error
      }
    }
    return (current, made)
  }

  /// Opens (making it first when missing) one component, and checks it.
  private static func enter(
    _ component: String, in parent: FileDescriptor, mode: mode_t, owners: [uid_t], shown: String
  ) -> Result<(FileDescriptor, Bool), OwnedDirectoryError> {
    var made = false
    do {
      try parent.makeDirectory(component, mode: 0o700)
      made = true
    } catch {
      if error != .fileExists { return .failure(.systemError(path: shown, error)) }
    }
    let next: FileDescriptor
    do {
      next = try parent.openDirectory(component)
    } catch {
      if error == .tooManySymbolicLinks || error == .notDirectory {
        return .failure(.notDirectory(path: shown))
      }
      return .failure(.systemError(path: shown, error))
    }
    do {
      if made { try next.changeMode(to: mode) }
    } catch {
      next.close()
      return .failure(.systemError(path: shown, error))
    }
    do {
      try check(next, path: shown, owners: owners)
    } catch {
      next.close()
      return .failure(error)
    }
    return .success((next, made))
  }

  /// Throws unless `directory` belongs to one of `owners` and lets nobody else rename its entries.
  private static func check(_ directory: FileDescriptor, path: String, owners: [uid_t])
    throws(OwnedDirectoryError)
  {
    let status: FileStatus
    do {
      status = try directory.status()
    } catch {
      throw .systemError(path: path, error)
    }
    guard owners.contains(status.userID) else { throw .notOwned(path: path, owner: status.userID) }
    if status.permissions & 0o022 != 0 && status.permissions & mode_t(S_ISVTX) == 0 {
      throw .othersMayRename(path: path, permissions: status.permissions)
    }
  }
}
