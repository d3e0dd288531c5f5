/// A few paths of a kind, with the total, so a report stays small however many there are.
///
/// The kept paths are the `limit` smallest, so the sample is the same whatever order the file system lists
/// entries in and however the walk was shared between threads.
public struct SampledPaths: Sendable, Equatable {
  private var kept: SmallestElements<String>
  /// How many there were in all.
  public private(set) var total = 0

  /// An empty list keeping at most `limit` paths.
  public init(limit: Int) { kept = SmallestElements(limit: limit) }

  /// The kept paths, ascending.
  public var paths: [String] { kept.elements }

  /// How many paths are kept.
  public var limit: Int { kept.limit }

  /// Counts a path and keeps it while it is among the `limit` smallest.
  public mutating func add(_ path: String) {
    total += 1
    kept.insert(path)
  }

  /// Adds the paths and total of `other`, a sample of the same kind from another part of the walk.
  public mutating func add(contentsOf other: SampledPaths) {
    total += other.total
    for path in other.paths { kept.insert(path) }
  }

  /// Whether some paths were counted but not kept.
  public var isTruncated: Bool { total > paths.count }

  /// The kept paths in backticks, comma-separated, with `and N more` when some were not kept.
  public var listText: String {
    var text = paths.map(DiagnosticText.code).joined(separator: ", ")
    if isTruncated { text += " and \(total - paths.count) more" }
    return text
  }
}
