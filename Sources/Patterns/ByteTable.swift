/// An immutable open-addressing hash table from byte strings to values (`LastIndices`, ranges),
/// looked up with a buffer slice so that lookups never allocate.
struct ByteTable<Value: Sendable>: Sendable {
  private let slots: HashSlots<Value>
  /// Bit `min(length, 63)` is set for every key length: most lookups stop here.
  private let lengths: UInt64

  /// Builds the table from `entries` (distinct keys).
  init(_ entries: [[UInt8]: Value]) {
    var lengths: UInt64 = 0
    for key in entries.keys { lengths |= Self.lengthBit(key.count) }
    slots = HashSlots(
      entries.map { key, value in (key, key.withUnsafeBufferPointer(Self.hash), value) })
    self.lengths = lengths
  }

  /// The value stored for `key`, if any.
  @inline(__always)
  func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Value? {
    guard lengths & Self.lengthBit(key.count) != 0 else { return nil }
    return find(key)
  }

  private func find(_ key: UnsafeBufferPointer<UInt8>) -> Value? {
    slots.find(Self.hash(key), key)
  }

  @inline(__always)
  private static func lengthBit(_ length: Int) -> UInt64 { 1 << UInt64(min(length, 63)) }

  /// FNV-1a over the bytes.
  @inline(__always)
  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01b3
    }
    return hash
  }
}
