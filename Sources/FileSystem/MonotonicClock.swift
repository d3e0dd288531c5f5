#if canImport(Glibc)
import Glibc
#endif

/// Monotonic time in seconds, for durations and progress.
public enum MonotonicClock {
  /// Seconds since an arbitrary fixed point (`CLOCK_MONOTONIC`).
  public static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}
