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
      directory's pattern. Exits 0 when at least one path is selected, 1 when none is, or when a path \
      could not be inspected.
      """)

  @OptionGroup var options: PatternOptions

  @Argument(
    help:
      "Paths in the app directory: relative to it, or absolute inside it (normalised as git does).")
  var paths: [String]

  func run() throws {
    try CommandRunner.run { () throws(CommandFailure) -> Int32 in
      let app = try CommandRunner.openApp(options.app)
      defer { app.descriptor.close() }
      let configuration = try options.configuration(
        app: app, environment: CommandRunner.environment)
      let set = PatternSet(configuration.patterns)
      var anySelected = false
      for path in paths {
        let relative = try CheckPath.resolve(path, app: options.app)
        let isDirectory = try Self.isDirectory(relative, shown: path, in: app)
        // The app directory itself is never selected by a pattern (git never ignores its work tree's root).
        if relative.isAppDirectory && !configuration.wholeApp {
          StandardOutput.write("::\t\(path)\n")
          continue
        }
        if configuration.wholeApp {
          anySelected = true
          StandardOutput.write("BP_GROUP_WRITABLE:0:(whole app)\t\(path)\n")
          continue
        }
        guard let decision = set.decide(path: relative.bytes, isDirectory: isDirectory) else {
          StandardOutput.write("::\t\(path)\n")
          continue
        }
        let pattern = set.patterns[decision.index]
        if decision.isSelected { anySelected = true }
        StandardOutput.write(
          "\(pattern.origin.source):\(pattern.origin.line):\(pattern.displayText)\t\(path)\n")
      }
      return anySelected ? ExitStatus.success : ExitStatus.failure
    }
  }

  /// Whether `path` is a directory now (a missing path counts as a file, as git treats it); a path whose status
  /// cannot be read is an error, since the answer could differ.
  static func isDirectory(_ path: RelativePath, shown: String, in app: AppDirectory)
    throws(CommandFailure) -> Bool
  {
    if path.isAppDirectory { return true }
    do {
      return try app.withParent(of: path) { parent, name throws(Errno) in
        try parent.status(of: name).kind == .directory
      }
    } catch {
      if error == .noSuchFileOrDirectory || error == .notDirectory { return false }
      throw CommandFailure(.cannotInspectPath(path: shown, error))
    }
  }
}
