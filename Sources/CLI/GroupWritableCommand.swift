import ArgumentParser
import Core

/// The `group-writable` command line: the buildpack's job outside a build, for Dockerfiles and debugging.
public struct GroupWritableCommand: ParsableCommand {
  /// The command's name, summary, subcommands and version.
  public static let configuration = CommandConfiguration(
    commandName: "group-writable",
    abstract: "Make the paths that gitignore-format patterns select group-writable.",
    discussion: """
      The same executable is the Cloud Native Buildpack `\(BuildpackInfo.id)`: run under the name \
      `detect` or `build` (as `bin/detect` and `bin/build`, links to this file) it does the CNB \
      phases; under any other name it is this command line.

      Exit codes: 0 success; 1 error (invalid configuration, paths that cannot be changed); \
      64 wrong usage. `check` exits 1 when no given path is selected, like `git check-ignore`; `trace` exits 2 when a \
      write was denied.
      """,
    version: BuildpackInfo.version,
    subcommands: [
      ApplyCommand.self, ListCommand.self, CheckCommand.self, DoctorCommand.self, AuditCommand.self,
      TraceCommand.self,
    ])

  /// Creates the command (ArgumentParser's requirement).
  public init() {}
}
