import ArgumentParser
import Core
import FileSystem

/// `group-writable audit`: the static checks, for CI pipelines and Dockerfiles.
struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Find setuid/setgid executables, world-writable and foreign-owned entries in the app.",
    discussion: "Exits 1 when anything is found (running as root counts), 0 otherwise.")

  @Option(name: .long, help: "The app directory.")
  var app: String = "."

  @Flag(help: "Print the findings as JSON.")
  var json = false

  func run() throws {
    try CommandRunner.run { () throws(CommandFailure) -> Int32 in
      let directory = try CommandRunner.openApp(app)
      defer { directory.descriptor.close() }
      let report = Auditor(app: directory).run()
      if json {
        StandardOutput.write(ReportJSON.text(Findings(report)) + "\n")
      } else {
        StandardOutput.write("- Inspected \(report.inspected) entries as uid \(report.userID)\n")
        for diagnostic in report.diagnostics {
          StandardOutput.write("\n" + DiagnosticRenderer.render(diagnostic))
        }
        if !report.hasFindings { StandardOutput.write("- No findings\n") }
      }
      return report.hasFindings ? 1 : 0
    }
  }

  /// The findings as JSON.
  struct Findings: Encodable {
    struct Paths: Encodable {
      let paths: [String]
      let total: Int
      init(_ sample: SampledPaths) {
        paths = sample.paths
        total = sample.total
      }
    }

    let userID: UInt32
    let runsAsRoot: Bool
    let inspected: Int
    let setIDExecutables, worldWritable, foreignOwned: Paths
    let foreignOwners: [UInt32]

    init(_ report: AuditReport) {
      userID = report.userID
      runsAsRoot = report.runsAsRoot
      inspected = report.inspected
      setIDExecutables = Paths(report.setIDExecutables)
      worldWritable = Paths(report.worldWritable)
      foreignOwned = Paths(report.foreignOwned)
      foreignOwners = report.foreignOwners
    }
  }
}
