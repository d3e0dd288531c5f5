import Patterns

/// A `create` or `ephemeral` list built from its sources in order (the key's entries, then the
/// variable's): each entry checked as a `RelativePath`, at most `ConfigurationLimits.patternBytes`
/// long, duplicates dropped, at most the key's limit and `ConfigurationLimits.directoryListBytes` in all.
struct DirectoryList {
  /// One kept entry and the source that added it.
  struct Entry {
    /// The normalised path.
    var path: RelativePath
    /// The source that added it.
    var source: SettingSource
  }

  /// `create` or `ephemeral`.
  let key: ProjectSettingKey
  /// The app's directory the buildpack keeps its own files in (the `ephemeral` directories' build-time contents).
  static let buildpackDirectory = ".group-writable"
  /// The kept entries, in order.
  private(set) var entries: [Entry] = []
  /// The kept paths, for finding duplicates.
  private var seen: Set<RelativePath> = []
  /// The bytes of the kept paths.
  private var keptBytes = 0

  /// An empty list for `key`.
  init(key: ProjectSettingKey) {
    self.key = key
  }

  /// The kept paths, in order.
  var paths: [RelativePath] { entries.map(\.path) }

  /// The most entries the list may hold.
  var limit: Int {
    key == .ephemeral
      ? ConfigurationLimits.ephemeralDirectories : ConfigurationLimits.createDirectories
  }

  /// Checks and adds one entry (trimmed by the caller when it comes from a variable).
  mutating func add(
    _ bytes: [UInt8], source: SettingSource, element: Int
  ) throws(ConfigurationError) {
    let path: RelativePath
    do {
      path = try RelativePath(bytes: bytes)
    } catch {
      throw .invalidDirectory(
        source: source, element: element, value: String(decoding: bytes, as: UTF8.self),
        problem: error)
    }
    let length = path.bytes.count
    guard length <= ConfigurationLimits.patternBytes else {
      throw .patternTooLong(
        origin: PatternOrigin(source: Self.sourceName(source), line: element), length: length,
        limit: ConfigurationLimits.patternBytes)
    }
    if key == .ephemeral, path.components.first == Array(Self.buildpackDirectory.utf8) {
      throw .ephemeralInBuildpackDirectory(
        source: source, element: element, value: path.description)
    }
    guard seen.insert(path).inserted else { return }
    guard entries.count < limit else {
      throw .tooManyDirectories(key: key, limit: limit, source: source)
    }
    guard keptBytes + length <= ConfigurationLimits.directoryListBytes else {
      throw .directoryListTooLong(
        key: key, limit: ConfigurationLimits.directoryListBytes, source: source)
    }
    keptBytes += length
    entries.append(Entry(path: path, source: source))
  }

  /// Adds the items of a variable's value (`EnvironmentList` syntax), blank items skipped.
  mutating func add(variable: EnvironmentVariable, value: String) throws(ConfigurationError) {
    for item in EnvironmentList.items(value) {
      let bytes = EnvironmentList.trimmedBlanks(item.bytes)
      if bytes.isEmpty { continue }
      try add(bytes, source: .variable(variable), element: item.number)
    }
  }

  /// Throws `nestedEphemeral` when one entry is inside another.
  ///
  /// Sorted with `/` as the smallest byte, an entry's descendants directly follow it, so some
  /// nested pair is adjacent whenever any pair is: O(n log n) comparisons, not n².
  func checkNesting() throws(ConfigurationError) {
    let keyed = entries.map { entry in
      (entry: entry, sortKey: entry.path.bytes.map { $0 == UInt8(ascii: "/") ? 0 : $0 })
    }
    let sorted = keyed.sorted { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
    for (outer, inner) in zip(sorted, sorted.dropFirst())
    where inner.sortKey.count > outer.sortKey.count
      && inner.sortKey.starts(with: outer.sortKey) && inner.sortKey[outer.sortKey.count] == 0
    {
      throw .nestedEphemeral(
        inner: inner.entry.path.description, innerSource: inner.entry.source,
        outer: outer.entry.path.description, outerSource: outer.entry.source)
    }
  }

  /// The pattern-origin name of a source: `project.toml create`, `BP_GROUP_WRITABLE_CREATE`, or
  /// the paths file's path.
  static func sourceName(_ source: SettingSource) -> String {
    switch source {
    case .key(let key, let file, _): return "\(file) \(key.rawValue)"
    case .pathsFile(let path): return path
    case .variable(let variable): return variable.name
    case .commandLine(let option, let value): return value ?? option
    }
  }
}
