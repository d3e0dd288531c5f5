/// An immutable open-addressing hash table from byte strings to `LastIndices`, looked up with
/// a buffer slice so that lookups never allocate.
struct ByteTable: Sendable {
  private struct Slot: Sendable {
    var hash: UInt64 = 0
    var keyStart: Int32 = 0
    var keyLength: Int32 = -1
    var value = LastIndices()
  }

  private let keyBytes: [UInt8]
  private let slots: [Slot]
  private let mask: Int
  /// Bit `min(length, 63)` is set for every key length: most lookups stop here.
  private let lengths: UInt64

  /// Builds the table from `entries` (distinct keys).
  init(_ entries: [[UInt8]: LastIndices]) {
    var capacity = 8
    while capacity < entries.count * 2 { capacity *= 2 }
    var keyBytes: [UInt8] = []
    var slots = [Slot](repeating: Slot(), count: capacity)
    var lengths: UInt64 = 0
    for (key, value) in entries {
      lengths |= Self.lengthBit(key.count)
      let hash = key.withUnsafeBufferPointer(Self.hash)
      var index = Int(truncatingIfNeeded: hash) & (capacity - 1)
      while slots[index].keyLength >= 0 { index = (index + 1) & (capacity - 1) }
      slots[index] = Slot(
        hash: hash, keyStart: Int32(keyBytes.count), keyLength: Int32(key.count), value: value)
      keyBytes += key
    }
    self.keyBytes = keyBytes
    self.slots = slots
    self.mask = capacity - 1
    self.lengths = lengths
  }

  /// The value stored for `key`, if any.
  @inline(__always)
  func lookup(_ key: UnsafeBufferPointer<UInt8>) -> LastIndices? {
    guard lengths & Self.lengthBit(key.count) != 0 else { return nil }
    return find(key)
  }

  private func find(_ key: UnsafeBufferPointer<UInt8>) -> LastIndices? {
    let hash = Self.hash(key)
    return slots.withUnsafeBufferPointer { slots in
      keyBytes.withUnsafeBufferPointer { keyBytes in
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
          let slot = slots[index]
          if slot.keyLength < 0 { return nil }
          if slot.hash == hash && Int(slot.keyLength) == key.count {
            let start = Int(slot.keyStart)
            var equal = true
            for offset in 0..<key.count where keyBytes[start + offset] != key[offset] {
              equal = false
              break
            }
            if equal { return slot.value }
          }
          index = (index + 1) & mask
        }
      }
    }
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
