/// The basename globs split by the fixed bytes they start with (`cache-*`, `npm-debug.log*`): a name
/// tries the globs of the prefixes it starts with and those that start with a wildcard, not all of
/// them, so many such patterns do not cost patterns × entries.
struct BasenameGlobIndex: Sendable {
  /// Below this many globs a plain scan is as cheap as the lookups.
  static let minimumGlobs = 16

  /// The globs with a fixed prefix, by it, each group highest index first.
  private let byPrefix: KeyedGroups<BasenameGlob>
  /// The globs that start with a wildcard (every glob, below `minimumGlobs`), highest index first.
  private let others: [BasenameGlob]

  /// Splits `globs` (highest index first) by the fixed bytes their programs start with
  /// (`GlobProgram.requiredPrefix`).
  init(_ globs: [BasenameGlob]) {
    guard globs.count >= Self.minimumGlobs else {
      byPrefix = KeyedGroups([:])
      others = globs
      return
    }
    var groups: [[UInt8]: [BasenameGlob]] = [:]
    var others: [BasenameGlob] = []
    for glob in globs {
      let prefix = glob.program.requiredPrefix
      if prefix.isEmpty {
        others.append(glob)
      } else {
        groups[prefix, default: []].append(glob)
      }
    }
    byPrefix = KeyedGroups(groups)
    self.others = others
  }

  /// The highest index above `best` among the globs matching the last component `name`, else
  /// `best`.
  func last(_ name: UnsafeBufferPointer<UInt8>, isDirectory: Bool, above best: Int) -> Int {
    var best = best
    func scan(_ globs: UnsafeBufferPointer<BasenameGlob>) {
      for glob in globs.indices {
        if globs[glob].index <= best { return }
        if globs[glob].isDirectoryOnly && !isDirectory { continue }
        if Wildmatch.matches(globs[glob].program, text: name, pathname: false) {
          best = globs[glob].index
          return
        }
      }
    }
    others.withUnsafeBufferPointer(scan)
    guard !byPrefix.keyLengths.isEmpty else { return best }
    byPrefix.elements.withUnsafeBufferPointer { grouped in
      for length in byPrefix.keyLengths {
        if length > name.count { break }
        let range = byPrefix.range(of: UnsafeBufferPointer(rebasing: name[..<length]))
        if !range.isEmpty { scan(UnsafeBufferPointer(rebasing: grouped[range])) }
      }
    }
    return best
  }
}
