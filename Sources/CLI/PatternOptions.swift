import ArgumentParser
import Core
import FileSystem
import Patterns

/// The options that say which app and which patterns a command works on.
struct PatternOptions: ParsableArguments {
  @Option(name: .long, help: "The app directory.")
  var app: String = "."

  @Option(
    name: [.customShort("p"), .customLong("pattern")],
    help: "A gitignore-format pattern; repeat for more. Replaces the app's configuration.")
  var patterns: [String] = []

  @Option(
    name: .customLong("patterns-file"),
    help: "A gitignore-format file of patterns (any path). Replaces the app's configuration.")
  var patternsFile: String?

  /// Whether patterns were given on the command line.
  var hasCommandLinePatterns: Bool { !patterns.isEmpty || patternsFile != nil }

  /// The configuration the command uses: the command line's patterns (with the build's defaults for everything
  /// else), or the app's configuration as a build reads it.
  func configuration(app: AppDirectory, environment: [String: String]) throws(CommandFailure) -> Configuration {
    guard hasCommandLinePatterns else {
      return try Self.appConfiguration(app: app, environment: environment)
    }
    var configuration = Configuration(audit: false, debug: EnvironmentSettings.asksForDebug(environment))
    for (index, text) in patterns.enumerated() {
      let origin = PatternOrigin(source: "--pattern", line: index + 1)
      if let pattern = PatternParser.parseLine(Array(text.utf8), origin: origin) {
        configuration.patterns.append(pattern)
      }
    }
    if !patterns.isEmpty { configuration.sources.append(.commandLinePatterns(count: patterns.count)) }
    if let file = patternsFile {
      let bytes: [UInt8]
      do {
        bytes = try FileContents.read(path: file, limit: CommandError.patternsFileLimit)
      } catch {
        throw CommandFailure(.cannotReadPatternsFile(path: file, error))
      }
      configuration.patterns += PatternParser.parse(bytes, source: file)
      configuration.sources.append(.commandLinePatternsFile(path: file))
    }
    return configuration
  }

  /// The app's configuration as a build reads it; an app that did not opt in is an error.
  static func appConfiguration(
    app: AppDirectory, environment: [String: String]
  ) throws(CommandFailure) -> Configuration {
    let decision: OptInDecision
    do {
      decision = try ConfigurationLoader(reader: app).load(environment: environment)
    } catch {
      throw CommandFailure(error.diagnostic)
    }
    switch decision {
    case .optedIn(let configuration): return configuration
    case .notOptedIn(let reason): throw CommandFailure(.noPatterns(reason))
    }
  }
}
