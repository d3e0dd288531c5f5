#if canImport(Glibc)
  import Glibc
#endif

/// Process resource limits the walk depends on.
public enum ResourceLimits {
  /// Descriptors a walk leaves for everything else: standard streams, the app directory, a file being read or
  /// changed through a handle, subtrees queued between threads, layer files.
  public static let reservedDescriptors = 32

  /// The fewest directories a walking thread keeps open, whatever the limit (below it the walk still works, but
  /// opens directories again more often).
  public static let minimumDescriptorBudget = 2

  /// Raises the soft limit on open files to the hard limit, so deep trees rarely need directories opened again.
  public static func raiseOpenFileLimit() {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max
    else { return }
    limit.rlim_cur = limit.rlim_max
    _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
  }

  /// The soft limit on open files (`RLIMIT_NOFILE`), or nil when it cannot be read or is unlimited.
  public static func openFileLimit() -> Int? {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else {
      return nil
    }
    return Int(clamping: limit.rlim_cur)
  }

  /// Directories each of `threads` walking threads may keep open: the open-file limit less the reserve, shared
  /// out (a thread's queued subtrees count against the reserve).
  public static func descriptorBudget(threads: Int) -> Int {
    guard let limit = openFileLimit() else { return 1 << 20 }
    return max(minimumDescriptorBudget, (limit - reservedDescriptors) / max(1, threads))
  }
}
