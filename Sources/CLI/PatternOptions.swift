import ArgumentParser
import Buildpack
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
}

/// What a command selects: the command line's patterns, or the app's configuration as a build reads it.
struct ResolvedSelection {
  /// The patterns.
  var patterns: [Pattern]
  /// `create` directories (from the app's configuration only).
  var create: [String] = []
  /// Whole-app mode (from the app's configuration only).
  var wholeApp = false
  /// `setgid` (from the app's configuration only).
  var setgid = false
  /// Where the patterns came from.
  var sources: [String]
  /// Configuration warnings.
  var warnings: [Diagnostic] = []

  /// Resolves the selection for `options` inside `app`; a failure is a rendered diagnostic.
  static func resolve(
    _ options: PatternOptions, app: AppDirectory, environment: [String: String]
  ) throws(CommandFailure) -> ResolvedSelection {
    guard !options.hasCommandLinePatterns else {
      var patterns: [Pattern] = []
      var sources: [String] = []
      for (index, text) in options.patterns.enumerated() {
        let origin = PatternOrigin(source: "--pattern", line: index + 1)
        if let pattern = PatternParser.parseLine(Array(text.utf8), origin: origin) {
          patterns.append(pattern)
        }
      }
      if !options.patterns.isEmpty { sources.append("`--pattern` (\(options.patterns.count))") }
      if let file = options.patternsFile {
        let bytes = try PatternFileReader.read(file)
        patterns += PatternParser.parse(bytes, source: file)
        sources.append("`--patterns-file` \(DiagnosticText.code(file))")
      }
      return ResolvedSelection(patterns: patterns, sources: sources)
    }
    return try fromConfiguration(app: app, environment: environment)
  }

  /// The selection the app's configuration asks for, as a build reads it; a failure is a rendered diagnostic.
  static func fromConfiguration(
    app: AppDirectory, environment: [String: String]
  ) throws(CommandFailure) -> ResolvedSelection {
    let decision: OptInDecision
    do {
      decision = try ConfigurationLoader(reader: app).load(environment: environment)
    } catch {
      throw CommandFailure(error.diagnostic)
    }
    switch decision {
    case .optedIn(let configuration):
      return ResolvedSelection(
        patterns: configuration.patterns, create: configuration.create,
        wholeApp: configuration.wholeApp, setgid: configuration.setgid,
        sources: configuration.sources.map(\.logText), warnings: configuration.warnings.map(\.diagnostic))
    case .notOptedIn(let reason), .disabled(let reason):
      throw CommandFailure(CommandDiagnostics.noPatterns(reason: reason))
    }
  }
}
