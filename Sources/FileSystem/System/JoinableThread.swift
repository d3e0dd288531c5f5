#if canImport(Glibc)
  import Glibc
#endif

/// A POSIX thread running one closure, joined before its results are used (no Foundation, no Dispatch).
final class JoinableThread {
  private final class Body {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
  }

  private let handle: pthread_t

  private init(handle: pthread_t) { self.handle = handle }

  /// Starts `body` on a new thread; throws the `pthread_create` error (such as `EAGAIN` at a process limit).
  static func start(_ body: @escaping () -> Void) throws(Errno) -> JoinableThread {
    let context = Unmanaged.passRetained(Body(body)).toOpaque()
    var handle = pthread_t()
    let result = pthread_create(
      &handle, nil,
      { context in
        guard let context else { return nil }
        Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
        return nil
      }, context)
    guard result == 0 else {
      Unmanaged<Body>.fromOpaque(context).release()
      throw Errno(rawValue: result)
    }
    return JoinableThread(handle: handle)
  }

  /// Waits for the thread to finish.
  func join() {
    _ = pthread_join(handle, nil)
  }
}
