#if canImport(Glibc)
import Glibc
#endif

/// Process resource limits the walk depends on.
public enum ResourceLimits {
  /// Raises the soft limit on open files to the hard limit: the walk keeps one descriptor per level of depth.
  public static func raiseOpenFileLimit() {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max
    else { return }
    limit.rlim_cur = limit.rlim_max
    _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
  }
}
