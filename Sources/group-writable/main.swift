// Wiring only: pick the phase from argv[0] and hand over.
import Buildpack
import CLI
import Core
import FileSystem

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#endif

ResourceLimits.raiseOpenFileLimit()
let arguments = ProcessArguments.all()
let phase = Phase(executablePath: arguments.first ?? "group-writable")
let output: (String) -> Void = StandardOutput.writeLine
let errorOutput: (String) -> Void = StandardOutput.writeError

switch phase {
case .detect, .build:
  let context = CNBContext.read(
    phase: phase, arguments: Array(arguments.dropFirst()),
    processEnvironment: ProcessInfo.processInfo.environment)
  let app: AppDirectory
  do {
    app = try AppDirectory.open(".")
  } catch {
    errorOutput(DiagnosticRenderer.render(CommandError.cannotOpenApp(path: ".", error).diagnostic))
    exit(ExitStatus.failure)
  }
  if phase == .detect {
    exit(Detector(context: context, app: app, output: output, errorOutput: errorOutput).run())
  }
  let builder = Builder(
    context: context, app: app, log: BuildLog(write: output), errorOutput: errorOutput,
    executable: ProcessArguments.executablePath())
  exit(builder.run())
case .runtimeCheck:
  let check = RuntimeCheck(
    environment: ProcessInfo.processInfo.environment,
    reportPath: RuntimeCheck.defaultReportPath(executable: arguments.first ?? ""),
    errorOutput: errorOutput)
  exit(check.run())
case .commandLine:
  GroupWritableCommand.main(Array(arguments.dropFirst()))
}
