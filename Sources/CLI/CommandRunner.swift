import ArgumentParser
import Core
import FileSystem

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Shared steps of the subcommands: opening the app and turning failures into exit statuses.
enum CommandRunner {
  /// Opens `path` as the app directory.
  static func openApp(_ path: String) throws(CommandFailure) -> AppDirectory {
    do {
      return try AppDirectory.open(path)
    } catch {
      throw CommandFailure(.cannotOpenApp(path: path, error))
    }
  }

  /// Runs `body`; a `CommandFailure` is printed as a `!` block on standard error and exits with `failure`.
  static func run(_ body: () throws(CommandFailure) -> Int32) throws(ExitCode) {
    let status: Int32
    do {
      status = try body()
    } catch {
      StandardOutput.writeError(DiagnosticRenderer.render(error.diagnostic))
      status = ExitStatus.failure
    }
    StandardOutput.flush()
    if status != ExitStatus.success { throw ExitCode(status) }
  }

  /// Fails with `incomplete` when the run could not read parts of the app directory.
  static func requireComplete(_ report: Report, command: String) throws(CommandFailure) {
    var paths: Set<String> = []
    for failure in report.failures.elements {
      switch failure.cause {
      case .cannotReadDirectory, .cannotReadStatus, .cannotReadAttributes:
        paths.insert(failure.path)
      case .notOwned, .cannotChangeMode: break
      }
    }
    paths.formUnion(report.changes.unread.paths)
    paths.formUnion(report.changes.attributesUnread.paths)
    if let audit = report.audit { paths.formUnion(audit.unread.paths) }
    guard !paths.isEmpty else { return }
    // The same directory is often noticed by several handlers: each is counted once.
    var unread = SampledPaths(limit: ReportLimits.pathsPerNotice)
    for path in paths { unread.add(path) }
    throw CommandFailure(
      .incomplete(command: command, unread: unread, asRoot: ProcessIdentity.current().userID == 0))
  }

  /// The process environment.
  static var environment: [String: String] { ProcessInfo.processInfo.environment }
}
