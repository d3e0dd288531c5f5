import ArgumentParser
import Core
import FileSystem

/// `group-writable list`: every selected entry, one per line.
struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "Print every selected entry, relative to the app directory (directories end in `/`).",
    discussion: """
      Entries are printed in walk order, one per line escaped as in messages (control characters, invalid \
      UTF-8 and backslashes), or raw and NUL-terminated with `-z`. A selected directory's whole subtree is \
      listed. Without `-p`/`--patterns-file` the app's configuration is used, as a build would. Exits 1 when \
      a directory the patterns could select something in could not be read (it names them).
      """)

  @OptionGroup var options: PatternOptions

  @Flag(name: .customShort("z"), help: "Terminate entries with NUL and print them raw.")
  var nulTerminated = false

  func run() throws {
    try CommandRunner.run { () throws(CommandFailure) -> Int32 in
      let app = try CommandRunner.openApp(options.app)
      defer { app.descriptor.close() }
      let configuration = try options.configuration(
        app: app, environment: CommandRunner.environment)
      let report: Report
      do throws(ApplyError) {
        report = try ApplySelection(
          configuration: configuration, mode: .list, threads: 1,
          effects: ApplyEffects(
            tree: app, changer: DryRunPermissionChanger(),
            output: ListingOutput(nulTerminated: nulTerminated))
        ).run()
      } catch {
        throw CommandFailure(error.diagnostic)
      }
      try CommandRunner.requireComplete(report, command: "list")
      return ExitStatus.success
    }
  }
}

/// Prints each selected entry as the walk finds it.
final class ListingOutput: ApplyOutput {
  private let nulTerminated: Bool

  init(nulTerminated: Bool) {
    self.nulTerminated = nulTerminated
  }

  var wantsEverySelection: Bool { true }

  func selected(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind) {
    if nulTerminated {
      if path.isEmpty { StandardOutput.write(".") }
      StandardOutput.write(path)
      StandardOutput.write(kind == .directory ? "/\0" : "\0")
    } else {
      StandardOutput.write(DisplayPath.relative(path, isDirectory: kind == .directory) + "\n")
    }
  }
}
