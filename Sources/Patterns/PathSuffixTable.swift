/// The literal rests of `**/rest` patterns (`**/a/b`, `**/d/7`), looked up by the last
/// components of a path: such a pattern matches exactly the paths that equal `rest` or end with
/// `/` + `rest`, that is whose last k components are `rest` (k is the number of components of
/// `rest`).
///
/// One backward scan over the path hashes every candidate suffix at once (the keys are hashed
/// last byte first), so a lookup reads at most as many bytes of the path as the longest key has
/// and probes the table once per distinct k, however many patterns there are.
struct PathSuffixTable: Sendable {
  private let slots: HashSlots<LastIndices>
  /// Element k is true when some key has k components.
  private let hasComponentCount: [Bool]
  /// The length of the longest key in bytes (0 when there are none).
  private let longestKey: Int

  /// Builds the table from `entries`: distinct keys of non-empty components separated by `/`.
  init(_ entries: [[UInt8]: LastIndices]) {
    var hashed: [(key: [UInt8], hash: UInt64, value: LastIndices)] = []
    var hasComponentCount: [Bool] = []
    var longestKey = 0
    for (key, value) in entries {
      let components = 1 + key.lazy.filter { $0 == ASCII.slash }.count
      while hasComponentCount.count <= components { hasComponentCount.append(false) }
      hasComponentCount[components] = true
      longestKey = max(longestKey, key.count)
      var hash = Self.hashSeed
      for byte in key.reversed() { hash = Self.hash(hash, byte) }
      hashed.append((key, hash, value))
    }
    slots = HashSlots(hashed)
    self.hasComponentCount = hasComponentCount
    self.longestKey = longestKey
  }

  /// Whether the table has no keys.
  var isEmpty: Bool { longestKey == 0 }

  /// The highest index among the patterns whose rest is a suffix of whole components of `path`
  /// and that apply to an entry of the given kind, or -1.
  func last(_ path: UnsafeBufferPointer<UInt8>, isDirectory: Bool) -> Int {
    var best = -1
    let limit = max(0, path.count - longestKey)
    let mostComponents = hasComponentCount.count - 1
    hasComponentCount.withUnsafeBufferPointer { hasComponentCount in
      var hash = Self.hashSeed
      var components = 0
      var start = path.count
      while start > limit {
        start -= 1
        hash = Self.hash(hash, path[start])
        guard start == 0 || path[start - 1] == ASCII.slash else { continue }
        components += 1
        if hasComponentCount[components],
          let found = find(hash, UnsafeBufferPointer(rebasing: path[start...]))
        {
          best = max(best, found.last(isDirectory: isDirectory))
        }
        if components == mostComponents { break }
      }
    }
    return best
  }

  /// The value stored for `key`, whose backward hash is `hash`, if any.
  private func find(_ hash: UInt64, _ key: UnsafeBufferPointer<UInt8>) -> LastIndices? {
    slots.find(hash, key)
  }

  /// FNV-1a's offset basis.
  private static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325

  /// One FNV-1a step.
  @inline(__always)
  private static func hash(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
    (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
  }
}
