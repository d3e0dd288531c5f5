import ArgumentParser
import Core
import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

/// `group-writable audit`: the static checks, for CI pipelines and Dockerfiles.
struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract:
      "Find setuid/setgid executables, world-writable and foreign-owned entries in the app.",
    discussion: """
      Exits 1 when anything is found (running as root counts) or when a directory could not be read (the \
      audit is then incomplete, and says which), 0 otherwise.
      """)

  @Option(name: .long, help: "The app directory.")
  var app: String = "."

  @Flag(help: "Print the findings as JSON.")
  var json = false

  func run() throws {
    try CommandRunner.run { () throws(CommandFailure) -> Int32 in
      let directory = try CommandRunner.openApp(app)
      defer { directory.descriptor.close() }
      let report: Report
      do throws(ApplyError) {
        report = try ApplySelection(
          configuration: Configuration(audit: true), mode: .audit, threads: ThreadCount.default(),
          effects: ApplyEffects(tree: directory, changer: DryRunPermissionChanger())
        ).run()
      } catch {
        throw CommandFailure(error.diagnostic)
      }
      let findings = report.audit ?? AuditFindings(userID: Int(geteuid()))
      if json {
        StandardOutput.write(ReportText.json(findings) + "\n")
      } else {
        StandardOutput.write(
          "- Inspected \(CountText.of(findings.inspected, "entry", "entries")) as uid \(findings.userID)\n"
        )
        for diagnostic in findings.diagnostics(appDirectory: report.appDirectory)
        where diagnostic != findings.incompleteDiagnostic {
          StandardOutput.write("\n" + DiagnosticRenderer.render(diagnostic))
        }
        if !findings.hasFindings && findings.isComplete { StandardOutput.write("- No findings\n") }
      }
      try CommandRunner.requireComplete(report, command: "audit")
      return findings.hasFindings ? ExitStatus.failure : ExitStatus.success
    }
  }
}
