import Patterns

extension Configuration {
  /// The configuration a command builds from `--pattern` options and a `--patterns-file`: the build's defaults
  /// for everything else, and the build's caps on the patterns (`ConfigurationLimits`).
  ///
  /// - Parameters:
  ///   - options: The `--pattern` values, in order.
  ///   - file: The `--patterns-file` path and its bytes, read within `CommandError.patternsFileLimit`.
  ///   - debug: Whether `BP_LOG_LEVEL` asks for every change.
  public static func commandLine(
    options: [String], file: (path: String, bytes: [UInt8])?, debug: Bool
  ) throws(ConfigurationError) -> Configuration {
    var configuration = Configuration(audit: false, debug: debug)
    var tally = PatternTally()
    if !options.isEmpty {
      let patterns = options.enumerated().compactMap { index, text in
        PatternParser.parseLine(
          Array(text.utf8), origin: PatternOrigin(source: "--pattern", line: index + 1))
      }
      try tally.add(patterns, source: .commandLine(option: "--pattern", value: nil))
      configuration.sources.append(.commandLinePatterns(count: options.count))
    }
    if let file {
      try tally.add(
        text: file.bytes, named: file.path,
        source: .commandLine(option: "--patterns-file", value: file.path))
      configuration.sources.append(.commandLinePatternsFile(path: file.path))
    }
    configuration.patterns = tally.patterns
    return configuration
  }
}
