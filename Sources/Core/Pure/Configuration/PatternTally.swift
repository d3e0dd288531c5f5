import Patterns

/// The patterns of all sources in order, held to `ConfigurationLimits`: each at most
/// `patternBytes` long, at most `patterns` in all (`create` directories count as patterns).
struct PatternTally {
  /// The patterns so far.
  private(set) var patterns: [Pattern] = []

  /// Adds the patterns of one source; the error names the source that went over a limit.
  mutating func add(_ new: [Pattern], source: SettingSource) throws(ConfigurationError) {
    let longest = ConfigurationLimits.patternBytes
    if let long = new.first(where: { $0.bytes.count > longest }) {
      throw .patternTooLong(origin: long.origin, length: long.bytes.count, limit: longest)
    }
    guard patterns.count + new.count <= ConfigurationLimits.patterns else {
      throw .tooManyPatterns(limit: ConfigurationLimits.patterns, source: source)
    }
    patterns += new
  }

  /// Counts `directories` after the patterns: the error names the source of the first entry over
  /// `limit`.
  func count(_ directories: DirectoryList, limit: Int) throws(ConfigurationError) {
    let room = limit - patterns.count
    guard directories.entries.count > room else { return }
    throw .tooManyPatterns(limit: limit, source: directories.entries[max(0, room)].source)
  }
}
