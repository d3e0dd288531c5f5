import ArgumentParser
import Core
import FileSystem
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Shared steps of the subcommands: opening the app and turning failures into exit codes.
enum CommandRunner {
  /// Opens `path` as the app directory.
  static func openApp(_ path: String) throws(CommandFailure) -> AppDirectory {
    do {
      return try AppDirectory.open(path)
    } catch {
      throw CommandFailure(CommandDiagnostics.cannotOpenApp(path: path, error: error))
    }
  }

  /// Runs `body`; a `CommandFailure` is printed as a `!` block and exits 1.
  static func run(_ body: () throws(CommandFailure) -> Int32) throws(ExitCode) {
    let status: Int32
    do {
      status = try body()
    } catch {
      StandardOutput.writeError(DiagnosticRenderer.render(error.diagnostic))
      status = 1
    }
    StandardOutput.flush()
    if status != 0 { throw ExitCode(status) }
  }

  /// The process environment.
  static var environment: [String: String] { ProcessInfo.processInfo.environment }
}
