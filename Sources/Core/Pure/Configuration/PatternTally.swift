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

  /// Parses a gitignore-format text named `name` and adds its patterns; a NUL byte in it is an error, since git
  /// would end the pattern there and select more than was written (`/storage/<NUL>private/` as `/storage/`).
  mutating func add(text bytes: [UInt8], named name: String, source: SettingSource)
    throws(ConfigurationError)
  {
    try Self.refuseNul(in: bytes, named: name)
    try add(PatternParser.parse(bytes, source: name), source: source)
  }

  /// Throws `nulInPatterns` at the line of the first NUL byte of `bytes`.
  static func refuseNul(in bytes: [UInt8], named name: String) throws(ConfigurationError) {
    guard let nul = bytes.firstIndex(of: 0) else { return }
    let line = bytes[..<nul].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    throw .nulInPatterns(origin: PatternOrigin(source: name, line: line))
  }

  /// Counts `directories` after the patterns: the error names the source of the first entry over
  /// `limit`.
  func count(_ directories: DirectoryList, limit: Int) throws(ConfigurationError) {
    let room = limit - patterns.count
    guard directories.entries.count > room else { return }
    throw .tooManyPatterns(limit: limit, source: directories.entries[max(0, room)].source)
  }
}
