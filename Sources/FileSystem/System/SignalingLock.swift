#if canImport(Glibc)
  import Glibc
#endif

/// A pthread mutex with one condition variable on `CLOCK_MONOTONIC`, for threads that wait for work (and state
/// that ThreadSanitizer must see guarded).
final class SignalingLock {
  private let mutex: UnsafeMutablePointer<pthread_mutex_t> = .allocate(capacity: 1)
  private let condition: UnsafeMutablePointer<pthread_cond_t> = .allocate(capacity: 1)

  init() {
    pthread_mutex_init(mutex, nil)
    var attributes = pthread_condattr_t()
    pthread_condattr_init(&attributes)
    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
    pthread_cond_init(condition, &attributes)
    pthread_condattr_destroy(&attributes)
  }

  deinit {
    pthread_cond_destroy(condition)
    pthread_mutex_destroy(mutex)
    condition.deallocate()
    mutex.deallocate()
  }

  /// Runs `body` holding the mutex.
  func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return try body()
  }

  /// With the mutex held: releases it until signalled or, when given, until `deadline` (`MonotonicClock` seconds).
  func wait(until deadline: Double?) {
    guard let deadline else {
      pthread_cond_wait(condition, mutex)
      return
    }
    let seconds = deadline.rounded(.down)
    var time = timespec(tv_sec: Int(seconds), tv_nsec: Int((deadline - seconds) * 1e9))
    _ = pthread_cond_timedwait(condition, mutex, &time)
  }

  /// Wakes one waiting thread.
  func signal() { pthread_cond_signal(condition) }

  /// Wakes every waiting thread.
  func broadcast() { pthread_cond_broadcast(condition) }
}
