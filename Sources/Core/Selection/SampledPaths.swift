/// The first few paths of a kind, with the total, so a report stays small however many there are.
public struct SampledPaths: Sendable, Equatable {
  /// The first `limit` paths, in walk order.
  public private(set) var paths: [String] = []
  /// How many there were in all.
  public private(set) var total = 0
  /// How many paths are kept.
  public let limit: Int

  /// An empty list keeping at most `limit` paths.
  public init(limit: Int) { self.limit = limit }

  /// Counts a path and keeps it while fewer than `limit` are kept.
  public mutating func add(_ path: @autoclosure () -> String) {
    total += 1
    if paths.count < limit { paths.append(path()) }
  }

  /// Sorts the kept paths, so reports do not depend on the order the file system lists entries in.
  public mutating func sort() { paths.sort() }

  /// Whether some paths were counted but not kept.
  public var isTruncated: Bool { total > paths.count }

  /// The kept paths in backticks, comma-separated, with `and N more` when some were not kept.
  public var listText: String {
    var text = paths.map(DiagnosticText.code).joined(separator: ", ")
    if isTruncated { text += " and \(total - paths.count) more" }
    return text
  }
}
