/// A few elements of a kind, with the total, so a report stays small however many there are.
///
/// The kept elements are the `limit` smallest, so the sample is the same whatever order the file system lists
/// entries in and however the walk was shared between threads.
public struct Sample<Element: Comparable & Sendable>: Sendable {
  private var kept: SmallestElements<Element>
  /// How many there were in all.
  public private(set) var total = 0
  /// First bytes of a path that sorted after the largest kept element of a full sample: every path that starts
  /// with them (and goes on with a byte displayed as it is, or ends) sorts after it too, and after every
  /// smaller largest element to come, so it stays true. A walk's siblings share it, and are only counted.
  private var afterLargest: [UInt8] = []

  /// An empty sample keeping at most `limit` elements.
  public init(limit: Int) { kept = SmallestElements(limit: limit) }

  /// A sample of `elements` (already at most `limit`, ascending) out of `total`.
  public init(elements: [Element], total: Int, limit: Int) {
    kept = SmallestElements(limit: limit)
    for element in elements { kept.insert(element) }
    self.total = max(total, kept.elements.count)
  }

  /// The kept elements, ascending.
  public var elements: [Element] { kept.elements }

  /// How many elements are kept at most.
  public var limit: Int { kept.limit }

  /// Whether none were counted.
  public var isEmpty: Bool { total == 0 }

  /// Counts an element and keeps it while it is among the `limit` smallest.
  public mutating func add(_ element: Element) {
    total += 1
    kept.insert(element)
  }

  /// Adds the elements and total of `other`, a sample of the same kind from another part of the walk.
  public mutating func add(contentsOf other: Sample<Element>) {
    total += other.total
    for element in other.elements { kept.insert(element) }
  }

  /// Whether some were counted but not kept.
  public var isTruncated: Bool { total > elements.count }

  /// How many were counted but not kept.
  public var omitted: Int { total - elements.count }
}

extension Sample: Equatable where Element: Equatable {
  /// Samples are equal when they keep the same elements of the same total (whatever limit kept them).
  public static func == (lhs: Sample, rhs: Sample) -> Bool {
    lhs.total == rhs.total && lhs.elements == rhs.elements
  }
}

/// Display paths relative to the app directory (directories end in `/`, the app directory is `./`).
public typealias SampledPaths = Sample<String>

extension Sample where Element == String {
  /// The kept paths, ascending.
  public var paths: [String] { elements }

  /// The kept paths in backticks, comma-separated, with `and N more` when some were not kept.
  public var listText: String {
    var text = paths.map(DiagnosticText.quoted).joined(separator: ", ")
    if isTruncated { text += " and \(omitted) more" }
    return text
  }
}

extension Sample {
  /// Whether the display path of `bytes` sorts after the largest kept element's (`displayPath` of it), or
  /// also equal to it with `orEqual`, once the sample is full; false before, or when that cannot be told
  /// cheaply. Usually one comparison with `afterLargest`, the cost per element a full sample only counts.
  fileprivate mutating func sortsAfterLargest(
    _ bytes: UnsafeBufferPointer<UInt8>, isDirectory: Bool, orEqual: Bool,
    displayPath: (Element) -> String
  ) -> Bool {
    if startsWithAfterLargest(bytes) { return true }
    guard
      let decision = kept.withLargestWhenFull({
        DisplayPath.decision(of: bytes, isDirectory: isDirectory, against: displayPath($0))
      }) ?? nil
    else { return false }
    if decision.order > 0 && decision.decidingBytes > 0 {
      afterLargest.removeAll(keepingCapacity: true)
      afterLargest.append(contentsOf: bytes[..<decision.decidingBytes])
    }
    return decision.order > 0 || (orEqual && decision.order == 0)
  }

  /// Whether `bytes` starts with `afterLargest` and goes on with a byte displayed as it is, or ends there.
  private func startsWithAfterLargest(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = afterLargest.count
    guard count > 0, bytes.count >= count,
      bytes.count == count || DisplayPath.isVerbatim(bytes[count])
    else { return false }
    return afterLargest.withUnsafeBufferPointer { known in
      var index = count - 1  // siblings differ last, if at all
      while index >= 0 && known[index] == bytes[index] { index -= 1 }
      return index < 0
    }
  }
}

extension Sample where Element == String {
  /// Counts the path `bytes` and keeps its display path while it is among the smallest; once the sample is full,
  /// a path that sorts after every kept one is only counted, without making its display path.
  public mutating func add(path bytes: UnsafeBufferPointer<UInt8>, isDirectory: Bool) {
    if sortsAfterLargest(bytes, isDirectory: isDirectory, orEqual: true, displayPath: { $0 }) {
      total += 1
      return
    }
    add(DisplayPath.relative(bytes, isDirectory: isDirectory))
  }
}

extension Sample where Element == ModeChange {
  /// Counts a change of the entry at `bytes` and keeps it while it is among the smallest; once the sample is
  /// full, a change whose path sorts after every kept one is only counted, without making its display path.
  public mutating func add(
    path bytes: UnsafeBufferPointer<UInt8>, isDirectory: Bool, from: Int, to: Int
  ) {
    if sortsAfterLargest(bytes, isDirectory: isDirectory, orEqual: false, displayPath: \.path) {
      total += 1
      return
    }
    add(ModeChange(path: DisplayPath.relative(bytes, isDirectory: isDirectory), from: from, to: to))
  }
}
