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
    var unread = SampledPaths(limit: ReportLimits.pathsPerNotice)
    for failure in report.failures.elements {
      switch failure.cause {
      case .cannotReadDirectory, .cannotReadStatus: unread.add(failure.path)
      case .notOwned, .cannotChangeMode: break
      }
    }
    unread.add(contentsOf: report.changes.unread)
    if let audit = report.audit { unread.add(contentsOf: audit.unread) }
    if !unread.isEmpty { throw CommandFailure(.incomplete(command: command, unread: unread)) }
  }

  /// The process environment.
  static var environment: [String: String] { ProcessInfo.processInfo.environment }
}
