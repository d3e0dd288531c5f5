#if canImport(Glibc)
import Glibc
#endif

/// Why a directory outside the app (an ephemeral directory's writable place) could not be opened or made.
public enum OwnedDirectoryError: Error, Equatable, Sendable {
  /// `path` must be owned by the process's user and is not (someone else made it first).
  case notOwned(path: String, owner: uid_t)
  /// `path` is a symlink (or not a directory), and none is followed.
  case notDirectory(path: String)
  /// A system call failed on `path`.
  case systemError(path: String, Errno)
}

/// Directories outside the app directory that the running process makes for itself (under `/tmp` by default),
/// opened component by component from `/` without following a symlink.
public enum OwnedDirectory {
  /// Opens the absolute directory `path`, making missing components with `mode`. Every component from the
  /// `ownedFrom`-th on (1 = the first below `/`) must be owned by `owner`, made now or found so; a component
  /// above may be anyone's (`/tmp`). Returns the open directory and whether the last component was made now.
  public static func open(
    _ path: String, mode: mode_t, owner: uid_t, ownedFrom: Int
  ) throws(OwnedDirectoryError) -> (directory: FileDescriptor, made: Bool) {
    var current: FileDescriptor
    do {
      current = try AppDirectory.open("/").descriptor
    } catch {
      throw .systemError(path: "/", error)
    }
    var shown = ""
    var made = false
    for (index, component) in path.split(separator: "/").map(String.init).enumerated() {
      shown += "/" + component
      let step = enter(component, in: current, mode: mode, owner: index + 1 >= ownedFrom ? owner : nil, shown: shown)
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

  /// Opens (making it first when missing) one component, checking its owner when asked.
  private static func enter(
    _ component: String, in parent: FileDescriptor, mode: mode_t, owner: uid_t?, shown: String
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
      if error == .tooManySymbolicLinks || error == .notDirectory { return .failure(.notDirectory(path: shown)) }
      return .failure(.systemError(path: shown, error))
    }
    do {
      if made { try next.changeMode(to: mode) }
      if let owner {
        let status = try next.status()
        guard status.userID == owner else {
          next.close()
          return .failure(.notOwned(path: shown, owner: status.userID))
        }
      }
    } catch {
      next.close()
      return .failure(.systemError(path: shown, error))
    }
    return .success((next, made))
  }
}
