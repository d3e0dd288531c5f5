import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

/// Why a writable root is not writable for the running process.
public enum RootProblem: Equatable, Sendable {
  /// The root does not exist.
  case missing
  /// The file system is mounted read-only (`EROFS`).
  case readOnlyFileSystem
  /// The root's group is `group`, and the process is neither its owner nor in that group.
  case groupNotHeld(group: gid_t, identity: ProcessIdentity)
  /// The root lacks group write (it was changed after the build).
  case notGroupWritable(permissions: mode_t)
  /// Another error.
  case denied(Errno)
}

/// One root that failed the check.
public struct RootCheck: Equatable, Sendable {
  /// The root as listed in the report (`tmp/`).
  public let root: String
  /// What is wrong.
  public let problem: RootProblem

  /// Creates a failed check.
  public init(root: String, problem: RootProblem) {
    self.root = root
    self.problem = problem
  }
}
