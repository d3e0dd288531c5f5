/// An ordered list of patterns compiled for git's "last matching pattern decides" rule.
///
/// Each pattern gets the cheapest strategy git's rule allows: hash lookups of the last component
/// (`name`, `*.ext`) or of the last components of the path (`**/a/b`), a program on the last
/// component, or, for the other anchored patterns, states followed from directory to directory
/// in `MatchScope`s, whose memory along a path does not grow with depth times patterns.
public struct PatternSet: Sendable {
  /// The patterns, in order; indices returned by the matching methods refer to this array.
  public let patterns: [Pattern]
  private let compiled: [CompiledPattern]
  /// Patterns that match every last component (`*`, `**`, `**/*`...).
  private let everyName: LastIndices
  private let basenameLiterals: ByteTable<LastIndices>
  private let basenameSuffixes: ByteTable<LastIndices>
  /// The distinct non-empty suffix lengths in `basenameSuffixes`, ascending.
  private let suffixLengths: [Int]
  /// The last bytes of the suffixes: a name ending otherwise needs no suffix lookup.
  private let suffixLastBytes: ByteSet
  /// `**/rest` patterns with a literal `rest` holding a `/`, by `rest`.
  private let pathSuffixes: PathSuffixTable
  /// Patterns matched by running a program on the last component, by the bytes they start with.
  private let basenameGlobs: BasenameGlobIndex
  /// The anchored patterns followed through directories, highest index first.
  let anchoredPatterns: [AnchoredPattern]
  /// Whether a positive pattern can match an entry at any depth.
  let selectsAtAnyDepth: Bool
  /// The scope of the root directory, computed once.
  let root: MatchScope

  /// Compiles `patterns`.
  public init(_ patterns: [Pattern]) {
    self.patterns = patterns
    let compiled = patterns.map(CompiledPattern.init)
    self.compiled = compiled
    var everyName = LastIndices()
    var literals: [[UInt8]: LastIndices] = [:]
    var suffixes: [[UInt8]: LastIndices] = [:]
    var suffixLastBytes = ByteSet()
    var pathSuffixes: [[UInt8]: LastIndices] = [:]
    var basenameGlobs: [BasenameGlob] = []
    var anchoredPatterns: [AnchoredPattern] = []
    var selectsAtAnyDepth = false
    for (index, pattern) in compiled.enumerated().reversed() {
      let dirOnly = pattern.isDirectoryOnly
      switch pattern.strategy {
      case .never:
        continue
      case .basenameLiteral(let bytes):
        literals[bytes, default: LastIndices()].add(index, isDirectoryOnly: dirOnly)
      case .basenameSuffix(let bytes):
        if let last = bytes.last {
          suffixes[bytes, default: LastIndices()].add(index, isDirectoryOnly: dirOnly)
          suffixLastBytes.insert(last)
        } else {
          everyName.add(index, isDirectoryOnly: dirOnly)
        }
      case .pathSuffix(let bytes):
        pathSuffixes[bytes, default: LastIndices()].add(index, isDirectoryOnly: dirOnly)
      case .basenameGlob:
        basenameGlobs.append(
          BasenameGlob(index: index, isDirectoryOnly: dirOnly, program: pattern.basenameProgram))
      case .anchored(let segments):
        var literalName: [UInt8]?
        if pattern.program.literalBytes != nil, case .literal(let bytes) = segments.last {
          literalName = bytes
        }
        anchoredPatterns.append(
          AnchoredPattern(
            index: index, isNegated: pattern.isNegated, isDirectoryOnly: dirOnly,
            segments: segments, literalName: literalName, program: pattern.program))
        continue
      }
      if !pattern.isNegated { selectsAtAnyDepth = true }
    }
    self.everyName = everyName
    basenameLiterals = ByteTable(literals)
    basenameSuffixes = ByteTable(suffixes)
    suffixLengths = Set(suffixes.keys.map(\.count)).sorted()
    self.suffixLastBytes = suffixLastBytes
    self.pathSuffixes = PathSuffixTable(pathSuffixes)
    self.basenameGlobs = BasenameGlobIndex(basenameGlobs)
    self.anchoredPatterns = anchoredPatterns
    self.selectsAtAnyDepth = selectsAtAnyDepth
    root = Self.rootScope(anchoredPatterns)
  }

  /// Whether there are no patterns.
  public var isEmpty: Bool { patterns.isEmpty }

  /// Index in `patterns` of the last pattern matching this entry (negated ones included), or nil.
  /// `path` is the full relative path from the root (no leading or trailing slash) and its last
  /// component starts at `nameStart`; `scope` is the scope of the directory holding the entry.
  public func lastMatch(
    path: UnsafeBufferPointer<UInt8>, nameStart: Int, isDirectory: Bool, in scope: MatchScope
  ) -> Int? {
    let name = UnsafeBufferPointer(rebasing: path[nameStart...])
    var best = everyName.last(isDirectory: isDirectory)
    if let found = basenameLiterals.lookup(name) {
      best = max(best, found.last(isDirectory: isDirectory))
    }
    if let last = name.last, suffixLastBytes.contains(last) {
      best = max(best, lastSuffixMatch(name, isDirectory: isDirectory))
    }
    if !pathSuffixes.isEmpty {
      best = max(best, pathSuffixes.last(path, isDirectory: isDirectory))
    }
    best = basenameGlobs.last(name, isDirectory: isDirectory, above: best)
    best = lastAnchoredMatch(
      path: path, name: name, isDirectory: isDirectory, in: scope, above: best)
    return best >= 0 ? best : nil
  }

  /// Whole-path decision like `git check-ignore --no-index -v`: walks the parent directories
  /// (all assumed to be directories, shallowest first) and returns the index of the deciding
  /// pattern and whether the path is selected (git would ignore it). A parent matched by a positive pattern decides
  /// for everything below it; otherwise the path's own last matching pattern decides.
  /// `path` is relative, with components separated by single slashes.
  public func decide(path: [UInt8], isDirectory: Bool) -> (index: Int, isSelected: Bool)? {
    path.withUnsafeBufferPointer { buffer in
      var nameStart = 0
      for end in buffer.indices where buffer[end] == ASCII.slash {
        let parent = UnsafeBufferPointer(rebasing: buffer[..<end])
        if let index = referenceLastMatch(parent, nameStart: nameStart, isDirectory: true),
          !patterns[index].isNegated
        {
          return (index, true)
        }
        nameStart = end + 1
      }
      guard let index = referenceLastMatch(buffer, nameStart: nameStart, isDirectory: isDirectory)
      else { return nil }
      return (index, !patterns[index].isNegated)
    }
  }

  /// git's `last_matching_pattern_from_list`, pattern by pattern without any shortcut.
  func referenceLastMatch(_ path: UnsafeBufferPointer<UInt8>, nameStart: Int, isDirectory: Bool)
    -> Int?
  {
    compiled.indices.reversed().first {
      compiled[$0].matches(path: path, nameStart: nameStart, isDirectory: isDirectory)
    }
  }

  /// The highest index among the `*literal` patterns matching `name`, or -1.
  private func lastSuffixMatch(_ name: UnsafeBufferPointer<UInt8>, isDirectory: Bool) -> Int {
    var best = -1
    suffixLengths.withUnsafeBufferPointer { lengths in
      for length in lengths {
        if length > name.count { break }
        let suffix = UnsafeBufferPointer(rebasing: name[(name.count - length)...])
        if let found = basenameSuffixes.lookup(suffix) {
          best = max(best, found.last(isDirectory: isDirectory))
        }
      }
    }
    return best
  }
}
