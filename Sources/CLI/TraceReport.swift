import Buildpack
import Core
import FileSystem
import Patterns
import Tracer

/// What `trace` prints: the writes grouped by directory, the denials, the suggested configuration, and with
/// `--config` the writes the app's configuration would still deny.
struct TraceReport {
  /// The traced command.
  let command: [String]
  /// The app directory, as given to the tracer.
  let appDirectory: String
  /// What the trace saw.
  let result: TraceResult
  /// The records, SQLite databases marked.
  let records: [TraceRecord]
  /// The suggestion for the records.
  let suggestion: PatternSuggestion
  /// With `--config`: the writes the configuration would deny after a build.
  let deniedAfterBuild: [TracedWrite]?
  /// With `--config`: the presets of frameworks found in the app that would allow some of those writes.
  let presetHints: [ConfigurationWarning]

  init(
    command: [String], appDirectory: String, result: TraceResult, records: [TraceRecord],
    configuration: Configuration?,
    detections: [FrameworkDetection] = []
  ) {
    self.command = command
    self.appDirectory = appDirectory
    self.result = result
    self.records = records
    let writes = records.map(\.write)
    suggestion = PatternSuggestion.suggest(writes)
    let deniedAfterBuild = configuration.map { WriteCoverage($0).denied(writes) }
    self.deniedAfterBuild = deniedAfterBuild
    presetHints =
      configuration.map { configuration in
        PresetCoverage.warnings(
          denied: deniedAfterBuild ?? [], configuration: configuration, detections: detections)
      } ?? []
  }

  /// The errors that mean a permission was missing.
  static let denials: Set<Errno> = [.permissionDenied, .notPermitted, .readOnlyFileSystem]

  /// The records of the writes the configuration would deny after a build (the first record of each).
  var deniedAfterBuildRecords: [TraceRecord] {
    guard let deniedAfterBuild else { return [] }
    var first: [TracedWrite: TraceRecord] = [:]
    for record in records where first[record.write] == nil { first[record.write] = record }
    return deniedAfterBuild.compactMap { first[$0] }
  }

  /// The records whose write was denied.
  var denied: [TraceRecord] { records.filter { $0.write.error.map(Self.denials.contains) == true } }

  /// 0 when nothing was (or, with `--config`, would be) denied, `writesDenied` when something was, `failure`
  /// when the trace is incomplete.
  var exitStatus: Int32 {
    if !result.isComplete { return ExitStatus.failure }
    if let deniedAfterBuild {
      return deniedAfterBuild.isEmpty ? ExitStatus.success : ExitStatus.writesDenied
    }
    return denied.isEmpty ? ExitStatus.success : ExitStatus.writesDenied
  }

  /// The diagnostics: the notes, then an incomplete trace.
  var diagnostics: [Diagnostic] {
    var diagnostics = suggestion.notes.map(\.diagnostic) + presetHints.map(\.diagnostic)
    if !result.isComplete {
      diagnostics.append(
        CommandError.traceIncomplete(
          unreadable: result.unreadable, unrecorded: result.unrecorded, escape: result.escape
        )
        .diagnostic)
    }
    return diagnostics
  }

  /// How the command ended, as the end of a sentence.
  var endingText: String {
    let ending: String
    switch result.ending {
    case .exited(let status): ending = "it exited with status \(status)"
    case .killed(let signal): ending = "a signal (\(signal)) ended it"
    case nil: ending = "its end was not seen"
    }
    switch result.stop {
    case .finished: return ending
    case .timeLimit: return "`--seconds` ran out, so the trace ended it; \(ending)"
    case .interrupted: return "the trace was interrupted and ended it; \(ending)"
    case .escaped:
      return
        "a process did what the trace cannot follow, so the trace killed every process; \(ending)"
    }
  }

  /// What a record's action did, in words.
  static func words(_ action: WriteAction) -> String {
    switch action {
    case .create: return "created"
    case .makeDirectory: return "made"
    case .remove: return "removed"
    case .renameFrom: return "renamed away"
    case .renameTo: return "renamed into place"
    case .writeInPlace: return "written in place"
    case .changeMode: return "mode changed"
    case .changeOwner: return "owner changed"
    case .changeTimes: return "times changed"
    }
  }
}
