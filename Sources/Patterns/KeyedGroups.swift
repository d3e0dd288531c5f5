/// Elements grouped by a byte-string key (a name, a suffix, a prefix), group after group in one
/// array, each group in the order it was given; looked up with a buffer slice, without allocating.
struct KeyedGroups<Element: Sendable>: Sendable {
  /// The grouped elements, group after group.
  let elements: [Element]
  /// Each key's range of `elements`.
  private let ranges: ByteTable<Range<Int>>
  /// The distinct key lengths, ascending.
  let keyLengths: [Int]

  init(_ groups: [[UInt8]: [Element]]) {
    var elements: [Element] = []
    var ranges: [[UInt8]: Range<Int>] = [:]
    for (key, group) in groups {
      ranges[key] = elements.count..<(elements.count + group.count)
      elements += group
    }
    self.elements = elements
    self.ranges = ByteTable(ranges)
    keyLengths = Set(groups.keys.map(\.count)).sorted()
  }

  /// The range of `elements` grouped under `key` (empty when none).
  @inline(__always)
  func range(of key: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    ranges.lookup(key) ?? 0..<0
  }

  /// Calls `body` with the elements in `range` (from `range(of:)`), unless it is empty.
  @inline(__always)
  func visit(_ range: Range<Int>, _ body: (UnsafeBufferPointer<Element>) -> Void) {
    if range.isEmpty { return }
    elements.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
  }
}
