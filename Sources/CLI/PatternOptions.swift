import ArgumentParser
import Core
import FileSystem

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
  func configuration(app: AppDirectory, environment: [String: String]) throws(CommandFailure)
    -> Configuration
  {
    guard hasCommandLinePatterns else {
      return try Self.appConfiguration(app: app, environment: environment)
    }
    var file: (path: String, bytes: [UInt8])?
    if let path = patternsFile {
      do {
        file = (path, try FileContents.read(path: path, limit: CommandError.patternsFileLimit))
      } catch {
        throw CommandFailure(.cannotReadPatternsFile(path: path, error))
      }
    }
    do {
      return try Configuration.commandLine(
        options: patterns, file: file, debug: EnvironmentSettings.asksForDebug(environment))
    } catch {
      throw CommandFailure(error.diagnostic)
    }
  }

  /// The app's configuration as a build reads it; an app that did not opt in is an error.
  static func appConfiguration(
    app: AppDirectory, environment: [String: String]
  ) throws(CommandFailure) -> Configuration {
    let decision: OptInDecision
    do {
      decision = try ConfigurationLoader(app: app).load(environment: environment)
    } catch {
      throw CommandFailure(error.diagnostic)
    }
    switch decision {
    case .optedIn(let configuration): return configuration
    case .notOptedIn(let reason): throw CommandFailure(.noPatterns(reason))
    }
  }
}
