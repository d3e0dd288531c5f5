/// The `limit` smallest elements seen so far, in ascending order, so a bounded sample does not depend on the
/// order elements arrive in (directory order, or which thread walked what).
struct SmallestElements<Element: Comparable> {
  /// The kept elements, ascending.
  private(set) var elements: [Element] = []
  /// How many are kept.
  let limit: Int

  init(limit: Int) { self.limit = limit }

  /// `body` applied to the largest kept element once `limit` are kept (nil before), read in place: a full
  /// sample asks this for every element it sees, and copying the element out would retain it each time.
  func withLargestWhenFull<Answer>(_ body: (Element) -> Answer) -> Answer? {
    guard elements.count == limit, limit > 0 else { return nil }
    return elements.withUnsafeBufferPointer { body($0[$0.count - 1]) }
  }

  /// Keeps `element` if it is among the `limit` smallest so far.
  mutating func insert(_ element: Element) {
    if elements.count == limit {
      guard let largest = elements.last, element < largest else { return }
      elements.removeLast()
    }
    var low = 0
    var high = elements.count
    while low < high {
      let middle = (low + high) / 2
      if elements[middle] < element { low = middle + 1 } else { high = middle }
    }
    elements.insert(element, at: low)
  }
}

extension SmallestElements: Sendable where Element: Sendable {}
extension SmallestElements: Equatable {}
