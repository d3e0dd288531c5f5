/// The open-addressing slots shared by `ByteTable` and `PathSuffixTable`: byte-string keys with a precomputed
/// hash, found with a buffer slice so lookups never allocate.
struct HashSlots<Value: Sendable>: Sendable {
  private struct Slot: Sendable {
    var hash: UInt64 = 0
    var keyStart: Int32 = 0
    var keyLength: Int32 = -1
    var value: Value?
  }

  private let keyBytes: [UInt8]
  private let slots: [Slot]
  private let mask: Int

  /// Stores `entries` (distinct keys, each with its hash as the table's user computes it).
  init(_ entries: [(key: [UInt8], hash: UInt64, value: Value)]) {
    var capacity = 8
    while capacity < entries.count * 2 { capacity *= 2 }
    var keyBytes: [UInt8] = []
    var slots = [Slot](repeating: Slot(), count: capacity)
    for entry in entries {
      var index = Int(truncatingIfNeeded: entry.hash) & (capacity - 1)
      while slots[index].keyLength >= 0 { index = (index + 1) & (capacity - 1) }
      slots[index] = Slot(
        hash: entry.hash, keyStart: Int32(keyBytes.count), keyLength: Int32(entry.key.count),
        value: entry.value)
      keyBytes += entry.key
    }
    self.keyBytes = keyBytes
    self.slots = slots
    mask = capacity - 1
  }

  /// The value stored for `key`, whose hash is `hash`, if any.
  @inline(__always)
  func find(_ hash: UInt64, _ key: UnsafeBufferPointer<UInt8>) -> Value? {
    slots.withUnsafeBufferPointer { slots in
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
}
