/// A set of byte values (256 bits), used for compiled bracket expressions.
struct ByteSet: Hashable, Sendable {
  private var low: UInt64 = 0
  private var lowMiddle: UInt64 = 0
  private var highMiddle: UInt64 = 0
  private var high: UInt64 = 0

  /// Creates an empty set.
  init() {}

  /// Whether `byte` is in the set.
  @inline(__always)
  func contains(_ byte: UInt8) -> Bool {
    let bit = UInt64(1) << UInt64(byte & 63)
    switch byte >> 6 {
    case 0: return low & bit != 0
    case 1: return lowMiddle & bit != 0
    case 2: return highMiddle & bit != 0
    default: return high & bit != 0
    }
  }

  /// Adds `byte` to the set.
  mutating func insert(_ byte: UInt8) {
    let bit = UInt64(1) << UInt64(byte & 63)
    switch byte >> 6 {
    case 0: low |= bit
    case 1: lowMiddle |= bit
    case 2: highMiddle |= bit
    default: high |= bit
    }
  }

  /// Adds every byte in `lower...upper` (nothing when `lower > upper`).
  mutating func insert(from lower: UInt8, through upper: UInt8) {
    guard lower <= upper else { return }
    for byte in lower...upper { insert(byte) }
  }

  /// Adds every byte for which `predicate` holds.
  mutating func insert(where predicate: (UInt8) -> Bool) {
    for byte in UInt8.min...UInt8.max where predicate(byte) { insert(byte) }
  }

  /// The complement of the set.
  var inverted: ByteSet {
    var result = ByteSet()
    result.low = ~low
    result.lowMiddle = ~lowMiddle
    result.highMiddle = ~highMiddle
    result.high = ~high
    return result
  }
}
