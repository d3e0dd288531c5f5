import Patterns

#if canImport(Glibc)
  import Glibc
#endif

/// Why a directory could not be turned into a link to a writable place.
public enum LinkError: Error, Equatable, Sendable {
  /// A component on the way is a symlink (only the last component may be the link itself).
  case symbolicLinkOnTheWay(component: RelativePath)
  /// The path exists and is neither a directory nor a link.
  case notDirectory
  /// The path is already a symlink, to another place.
  case otherLink(target: String)
  /// A system call failed.
  case systemError(Errno)
}

/// What linking did.
public enum LinkOutcome: Equatable, Sendable {
  /// The link was made; the directory's contents (if any) were moved to `seed`.
  case linked(seed: RelativePath?)
  /// The link was there already (a rebuild).
  case alreadyLinked
}

extension AppDirectory {
  /// Replaces the directory `path` with a symlink to `target` (making missing parents 0755), moving what the
  /// directory held to `seed` (made as needed) so nothing is lost; never through a symlink.
  public func link(_ path: RelativePath, to target: String, seed: RelativePath) throws(LinkError)
    -> LinkOutcome
  {
    if let parent = path.parent, !parent.isAppDirectory { try makeParents(parent) }
    let state: Result<LinkOutcome?, Errno>
    do {
      state = try withParent(of: path) { parent, name throws(Errno) in
        Self.linkIfPossible(name, in: parent, to: target)
      }
    } catch {
      throw .systemError(error)
    }
    switch state {
    case .failure(let error):
      switch error {
      case .tooManySymbolicLinks: throw .otherLink(target: symlinkTarget(path) ?? "")
      case .notDirectory: throw .notDirectory
      default: throw .systemError(error)
      }
    case .success(let outcome?):
      return outcome
    case .success(nil):
      try moveAside(path, to: seed)
      do {
        try withParent(of: path) { parent, name throws(Errno) in
          try parent.makeSymbolicLink(name, to: target)
        }
      } catch {
        throw .systemError(error)
      }
      return .linked(seed: seed)
    }
  }

  /// Links `name` when it is missing, an empty directory, or the same link; nil when a full directory is there.
  private static func linkIfPossible(
    _ name: UnsafePointer<CChar>, in parent: FileDescriptor, to target: String
  ) -> Result<LinkOutcome?, Errno> {
    do throws(Errno) {
      let status: FileStatus
      do {
        status = try parent.status(of: name)
      } catch  where error == .noSuchFileOrDirectory {
        try parent.makeSymbolicLink(name, to: target)
        return .success(.linked(seed: nil))
      }
      switch status.kind {
      case .symbolicLink:
        let current = try parent.symbolicLinkTarget(name)
        return current == Array(target.utf8)
          ? .success(.alreadyLinked) : .failure(.tooManySymbolicLinks)
      case .directory:
        let directory = try parent.openDirectory(name)
        let isEmpty = (try? DirectoryListing.names(in: directory, limit: 1).isEmpty) ?? false
        directory.close()
        guard isEmpty else { return .success(nil) }
        try parent.removeDirectory(name)
        try parent.makeSymbolicLink(name, to: target)
        return .success(.linked(seed: nil))
      default:
        return .failure(.notDirectory)
      }
    } catch {
      return .failure(error)
    }
  }

  /// Moves the directory `path` to `seed` (whose parents are made), never over an existing entry.
  private func moveAside(_ path: RelativePath, to seed: RelativePath) throws(LinkError) {
    if let parent = seed.parent, !parent.isAppDirectory { try makeParents(parent) }
    do {
      try withParent(of: seed) { seedParent, seedName throws(Errno) in
        try withParent(of: path) { parent, name throws(Errno) in
          try parent.move(name, to: seedParent, as: seedName)
        }
      }
    } catch {
      throw .systemError(error)
    }
  }

  private func makeParents(_ path: RelativePath) throws(LinkError) {
    do {
      _ = try createDirectories(path, mode: 0o755)
    } catch {
      switch error {
      case .symbolicLink(_, let component): throw .symbolicLinkOnTheWay(component: component)
      case .notDirectory: throw .notDirectory
      case .systemError(_, _, let errno, _): throw .systemError(errno)
      }
    }
  }

  /// The target of the symlink at `path`, as text.
  public func symlinkTarget(_ path: RelativePath) -> String? {
    guard
      let bytes = try? withParent(
        of: path, { parent, name throws(Errno) in try parent.symbolicLinkTarget(name) })
    else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }
}
