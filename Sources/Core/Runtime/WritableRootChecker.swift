#if canImport(Glibc)
import Glibc
#endif
import FileSystem

/// Checks, as the running process, that each writable root can be written, and says why not.
public struct WritableRootChecker {
  private let app: FileDescriptor
  private let identity: ProcessIdentity

  /// A checker for roots inside the open app directory `app`, as `identity`.
  public init(app: FileDescriptor, identity: ProcessIdentity = .current()) {
    self.app = app
    self.identity = identity
  }

  /// The roots that fail, in order; at most `limit` roots are checked.
  public func problems(in roots: [String], limit: Int = 100) -> [RootCheck] {
    roots.prefix(limit).compactMap { root in
      problem(of: root).map { RootCheck(root: root, problem: $0) }
    }
  }

  /// What is wrong with one root, or nil when the process can write it.
  public func problem(of root: String) -> RootProblem? {
    var relative = String(root.drop(while: { $0 == "/" }))
    while relative.hasSuffix("/") { relative.removeLast() }
    if relative.isEmpty { relative = "." }
    let status: FileStatus
    do {
      status = try app.status(of: relative)
    } catch {
      return error == .noSuchFileOrDirectory ? .missing : .denied(error)
    }
    do {
      try app.checkWriteAccess(relative)
      return nil
    } catch {
      if error == .readOnlyFileSystem { return .readOnlyFileSystem }
      guard error == .permissionDenied else { return .denied(error) }
      if status.userID != identity.userID && !identity.isMember(of: status.groupID) {
        return .groupNotHeld(group: status.groupID, identity: identity)
      }
      if status.permissions & S_IWGRP == 0 { return .notGroupWritable(permissions: status.permissions) }
      return .denied(error)
    }
  }
}
