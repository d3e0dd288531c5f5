import Synchronization

/// A flag the helper threads' handlers raise when they first visit an entry: a test that must see work shared
/// slows the main thread until then, instead of hoping the scheduler runs a helper in time.
final class HelperStart: Sendable {
  private let raised = Atomic<Bool>(false)

  /// Whether a helper has visited an entry.
  var isRaised: Bool { raised.load(ordering: .acquiring) }

  /// Notes that a helper has visited an entry.
  func raise() { raised.store(true, ordering: .releasing) }
}
