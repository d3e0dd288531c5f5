/// Why a permission bit changes; one entry may change for several reasons at once.
public struct ChangeReasons: OptionSet, Sendable, Hashable {
  /// The raw bits.
  public let rawValue: UInt8
  /// Creates reasons from raw bits.
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// The entry is selected: the group gets the owner's access.
  public static let granted = ChangeReasons(rawValue: 1)
  /// The directory is above a selected entry and lacked group search (`g+x`).
  public static let ancestorSearch = ChangeReasons(rawValue: 2)
  /// World write (`o+w`) was removed.
  public static let worldWriteRemoved = ChangeReasons(rawValue: 4)
  /// Group write was removed outside the selection (`exclusive`).
  public static let groupWriteRemoved = ChangeReasons(rawValue: 8)
  /// The directory holds a selected SQLite database: group-writable with the sticky bit.
  public static let databaseDirectory = ChangeReasons(rawValue: 16)
  /// Write was removed from an ACL's mask (the group bits), through which named users or groups could write.
  public static let aclWriteRemoved = ChangeReasons(rawValue: 32)
  /// Group write was removed from a setuid, setgid or capability file, which must not be writable by others.
  public static let protectedWriteRemoved = ChangeReasons(rawValue: 64)
}
