/// The basename globs split by the fixed bytes a name needs to match them (`NameLiteral`: `cache-`
/// of `cache-*`, `.log.` of `*.log.[0-9]`): a name tries the globs of the literals it holds and
/// those without one, not all of them, so many such patterns do not cost patterns × entries.
struct BasenameGlobIndex: Sendable {
  /// Below this many globs a plain scan is as cheap as the lookups.
  static let minimumGlobs = 16

  /// The globs with a literal, by it, each group highest index first.
  private let byLiteral: NameLiteralGroups<BasenameGlob>
  /// The globs without one (every glob, below `minimumGlobs`), highest index first.
  private let others: [BasenameGlob]

  /// Splits `globs` (highest index first) by their programs' literals.
  init(_ globs: [BasenameGlob]) {
    guard globs.count >= Self.minimumGlobs else {
      byLiteral = NameLiteralGroups([])
      others = globs
      return
    }
    var keyed: [(NameLiteral, BasenameGlob)] = []
    var others: [BasenameGlob] = []
    for glob in globs {
      if let literal = NameLiteral(glob.program.tokens[...]) {
        keyed.append((literal, glob))
      } else {
        others.append(glob)
      }
    }
    byLiteral = NameLiteralGroups(keyed)
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
    byLiteral.forEachGroup(in: name, scan)
    return best
  }
}
