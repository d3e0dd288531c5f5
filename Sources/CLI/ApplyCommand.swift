import ArgumentParser
import Buildpack
import Core
import FileSystem

/// `group-writable apply`: what a build does, without layers.
struct ApplyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "apply",
    abstract: "Give the group write access to the selected paths (as a build does, without layers)."
  )

  @OptionGroup var options: PatternOptions

  @Flag(help: "Change nothing; report what would change.")
  var dryRun = false

  @Flag(help: "Print the report as JSON instead of the build-style log.")
  var json = false

  @Flag(
    help: "Keep world write (`o+w`) where the source has it, instead of removing it everywhere.")
  var keepWorldWritable = false

  @Flag(help: "Also remove group write from every entry outside the selection.")
  var exclusive = false

  @Option(
    help: ArgumentHelp(
      "Threads that walk the app directory (default: the CPUs available, at most 4).",
      discussion: "DEBUG's listing of every change always runs on one thread, in walk order.",
      valueName: "n"))
  var jobs: Int?

  /// More threads than this only hold descriptors and buffers.
  static let maximumJobs = 64

  func validate() throws {
    if let jobs, !(1...Self.maximumJobs).contains(jobs) {
      throw ValidationError("--jobs must be from 1 to \(Self.maximumJobs), not \(jobs).")
    }
  }

  func run() throws {
    try CommandRunner.run { () throws(CommandFailure) -> Int32 in try apply() }
  }

  /// Applies the selection and prints the log or the JSON report.
  private func apply() throws(CommandFailure) -> Int32 {
    do {
      let app = try CommandRunner.openApp(options.app)
      defer { app.descriptor.close() }
      var configuration = try options.configuration(
        app: app, environment: CommandRunner.environment)
      if keepWorldWritable { configuration.policy.keepsWorldWrite = true }
      if exclusive { configuration.policy.removesGroupWriteOutside = true }
      let write: (String) -> Void = json ? { _ in } : { StandardOutput.writeLine($0) }
      let steps = BuildSteps(log: BuildLog(write: write), prints: !json)
      let changer: any PermissionChanging =
        dryRun ? DryRunPermissionChanger() : SystemPermissionChanger()
      let outcome: BuildSteps.Outcome
      do throws(ApplyError) {
        outcome = try steps.walk(
          configuration, mode: dryRun ? .dryRun : .apply, threads: jobs ?? ThreadCount.default(),
          tree: app,
          changer: changer, cnbGroupID: nil)
      } catch {
        throw CommandFailure(error.diagnostic)
      }
      if json { StandardOutput.write(ReportText.json(outcome.keptReport) + "\n") }
      if let failure = outcome.failure { throw CommandFailure(failure) }
      steps.done()
      return ExitStatus.success
    }
  }
}
