/// The highest pattern indices among a group of patterns that match the same names: over all
/// of them, and over those that also match non-directories.
struct LastIndices: Sendable {
  /// The highest index, or -1.
  private(set) var any: Int32 = -1
  /// The highest index of a pattern without a trailing `/`, or -1.
  private(set) var forNonDirectories: Int32 = -1

  /// Adds the pattern at `index`.
  mutating func add(_ index: Int, isDirectoryOnly: Bool) {
    any = max(any, Int32(index))
    if !isDirectoryOnly { forNonDirectories = max(forNonDirectories, Int32(index)) }
  }

  /// The highest index that applies to an entry of the given kind, or -1.
  @inline(__always)
  func last(isDirectory: Bool) -> Int { Int(isDirectory ? any : forNonDirectories) }
}
