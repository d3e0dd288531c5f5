import ArgumentParser
import Core
import FileSystem
import Patterns

/// `group-writable check`: which pattern decides for each path, like `git check-ignore -v`.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Show the pattern that decides for each path, like `git check-ignore -v`.",
    discussion: """
      Prints `SOURCE:LINE:PATTERN<TAB>PATH` for each path (a `!` pattern means it is kept out), or \
      `::<TAB>PATH` when no pattern matches. A path inside a selected directory is decided by the \
      directory's pattern. Exits 0 when at least one path is selected, 1 when none is.
      """)

  @OptionGroup var options: PatternOptions

  @Argument(help: "Paths relative to the app directory.")
  var paths: [String]

  func run() throws {
    try CommandRunner.run { () throws(CommandFailure) -> Int32 in
      let app = try CommandRunner.openApp(options.app)
      let selection = try ResolvedSelection.resolve(
        options, app: app, environment: CommandRunner.environment)
      let set = PatternSet(selection.patterns)
      var anySelected = false
      for path in paths {
        let relative = Self.normalized(path)
        let isDirectory =
          relative.isEmpty
          || (try? app.descriptor.status(of: relative))?.kind == .directory
        if selection.wholeApp {
          anySelected = true
          StandardOutput.write("BP_GROUP_WRITABLE:0:(whole app)\t\(path)\n")
          continue
        }
        guard let decision = set.decide(path: Array(relative.utf8), isDirectory: isDirectory)
        else {
          StandardOutput.write("::\t\(path)\n")
          continue
        }
        let pattern = set.patterns[decision.index]
        if decision.excluded { anySelected = true }
        StandardOutput.write(
          "\(pattern.origin.source):\(pattern.origin.line):\(pattern.displayText)\t\(path)\n")
      }
      return anySelected ? 0 : 1
    }
  }

  /// The path without `./` prefixes and trailing slashes.
  static func normalized(_ path: String) -> String {
    var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    parts.removeAll { $0 == "." }
    return parts.joined(separator: "/")
  }
}
