import ArgumentParser
import Core
import FileSystem

/// `group-writable list`: every selected entry, one per line.
struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "Print every selected entry, relative to the app directory (directories end in `/`).",
    discussion: """
      Entries are printed in walk order, one per line with control characters and invalid UTF-8 \
      escaped, or raw and NUL-terminated with `-z`. A selected directory's whole subtree is listed. \
      Without `-p`/`--patterns-file` the app's configuration is used, as a build would.
      """)

  @OptionGroup var options: PatternOptions

  @Flag(name: .customShort("z"), help: "Terminate entries with NUL and print them raw.")
  var nulTerminated = false

  func run() throws {
    try CommandRunner.run { () throws(CommandFailure) -> Int32 in
      let app = try CommandRunner.openApp(options.app)
      let selection = try ResolvedSelection.resolve(
        options, app: app, environment: CommandRunner.environment)
      let request = SelectionRequest(
        patterns: selection.patterns, create: selection.create, wholeApp: selection.wholeApp,
        mode: .list)
      let nul = nulTerminated
      let events = SelectionEvents(selected: { path, kind in
        if nul {
          if path.isEmpty { StandardOutput.write(".") }
          StandardOutput.write(path)
          StandardOutput.write(kind == .directory ? "/\0" : "\0")
        } else {
          StandardOutput.write(DisplayPath.relative(path, isDirectory: kind == .directory) + "\n")
        }
      })
      do throws(SelectionError) {
        _ = try SelectionRunner(request: request, app: app).run(events: events)
      } catch {
        throw CommandFailure(error.diagnostic)
      }
      return 0
    }
  }
}
