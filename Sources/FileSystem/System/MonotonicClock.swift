#if canImport(Glibc)
  import Glibc
#endif

/// A source of monotonic time in seconds, for durations and progress; tests pass a fake.
public protocol Clock: Sendable {
  /// Seconds since an arbitrary fixed point.
  func now() -> Double
}

/// `CLOCK_MONOTONIC`.
public struct MonotonicClock: Clock {
  /// The system clock.
  public init() {}

  /// Seconds since an arbitrary fixed point (`CLOCK_MONOTONIC`).
  public func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}
