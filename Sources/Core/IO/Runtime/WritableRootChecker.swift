import FileSystem
import Patterns

#if canImport(Glibc)
  import Glibc
#endif

/// Checks, as the running process, that each writable root can be written, and says why not.
public struct WritableRootChecker {
  private let app: AppDirectory
  private let identity: ProcessIdentity

  /// A checker for roots inside the open app directory `app`, as `identity`.
  public init(app: AppDirectory, identity: ProcessIdentity = .current()) {
    self.app = app
    self.identity = identity
  }

  /// The roots that fail, in order; at most `limit` roots are checked.
  public func problems(in roots: [String], limit: Int = 100) -> [RootCheck] {
    roots.prefix(limit).compactMap { root in
      problem(of: root).map { RootCheck(root: root, problem: $0) }
    }
  }

  /// What is wrong with one root (a display path, as the report keeps it), or nil when the process can write it.
  public func problem(of root: String) -> RootProblem? {
    guard let path = DisplayPath.path(of: root) else { return .denied(.invalidArgument) }
    let identity = self.identity
    do throws(Errno) {
      return try app.withParent(of: path) { parent, name throws(Errno) -> RootProblem? in
        let status = try parent.status(of: name)
        do throws(Errno) {
          try parent.checkWriteAccess(name)
          return nil
        } catch {
          if error == .readOnlyFileSystem { return .readOnlyFileSystem }
          guard error == .permissionDenied else { return .denied(error) }
          if status.userID != identity.userID && !identity.isMember(of: status.groupID) {
            return .groupNotHeld(group: status.groupID, identity: identity)
          }
          if status.permissions & S_IWGRP == 0 {
            return .notGroupWritable(permissions: status.permissions)
          }
          return .denied(error)
        }
      }
    } catch {
      return error == .noSuchFileOrDirectory ? .missing : .denied(error)
    }
  }
}
