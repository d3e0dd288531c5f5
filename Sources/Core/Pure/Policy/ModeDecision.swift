import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

/// What `ModePolicy` decided for one entry.
public struct ModeDecision: Sendable, Equatable {
  /// The permission bits the entry had.
  public let current: mode_t
  /// The permission bits it should have (equal to `current` when nothing changes).
  public private(set) var permissions: mode_t
  /// Why they differ.
  public private(set) var reasons: ChangeReasons = []
  /// The bits the selection (or a selected entry's need) adds: without them it fails; the rest is hygiene.
  public private(set) var required: mode_t = 0
  /// Why a selected entry is left (partly) as it is.
  public var skip: SkipReason?

  /// Nothing changes yet.
  public init(current: mode_t) {
    self.current = current
    permissions = current
  }

  /// Whether the bits change.
  public var changes: Bool { permissions != current }

  /// Whether the required bits are already there (so an entry the build user cannot change is still usable).
  public var hasRequiredBits: Bool { current & required == required }

  /// Adds bits for `reason`, when some are missing; `required` bits are what the entry needs to be usable (the
  /// sticky bit on a database's directory is protection, not need).
  mutating func add(_ bits: mode_t, because reason: ChangeReasons, required isRequired: Bool = true)
  {
    if isRequired { required |= bits }
    guard permissions | bits != permissions else { return }
    permissions |= bits
    reasons.insert(reason)
  }

  /// Removes bits for `reason`, when some are set.
  mutating func remove(_ bits: mode_t, because reason: ChangeReasons) {
    guard permissions & bits != 0 else { return }
    permissions &= ~bits
    reasons.insert(reason)
  }
}
