import Core
import Patterns
import Tracer

extension TraceReport {
  /// One write in the JSON report; `error` is null for a call that succeeded.
  struct WriteDocument: Encodable {
    let path: String
    let action: WriteAction
    let call: String
    let count: Int
    let error: String?
    let sqliteDatabase: Bool

    enum CodingKeys: String, CodingKey {
      case path, action, call, count, error, sqliteDatabase
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(path, forKey: .path)
      try container.encode(action, forKey: .action)
      try container.encode(call, forKey: .call)
      try container.encode(count, forKey: .count)
      try container.encode(error, forKey: .error)
      try container.encode(sqliteDatabase, forKey: .sqliteDatabase)
    }

    init(_ write: TracedWrite, call: String, count: Int) {
      path =
        write.path.isAppDirectory ? "." : DisplayPath.relative(write.path.bytes, isDirectory: false)
      action = write.action
      self.call = call
      self.count = count
      error = write.error?.name
      sqliteDatabase = write.isSQLiteDatabase
    }
  }

  /// A note in the JSON report.
  struct NoteDocument: Encodable {
    let kind: String
    let paths: [String]
  }

  /// The suggestion in the JSON report.
  struct SuggestionDocument: Encodable {
    let paths: [String]
    let create: [String]
    let notes: [NoteDocument]
  }

  /// The whole JSON report (`--json`): `exitStatus`, `signal` and `escape` are null when they do not apply;
  /// `deniedAfterBuild` is there only with `--config`.
  struct Document: Encodable {
    let version: String
    let command: [String]
    let appDirectory: String
    let seconds: Double
    let processes: Int
    let stop: TraceStop
    let exitStatus: Int32?
    let signal: Int32?
    let complete: Bool
    let escape: TraceEscape?
    let unreadable: Int
    let unrecorded: Int
    let denied: Int
    let writes: [WriteDocument]
    let suggestion: SuggestionDocument
    let deniedAfterBuild: [WriteDocument]?

    enum CodingKeys: String, CodingKey {
      case version, command, appDirectory, seconds, processes, stop, exitStatus, signal, complete,
        escape, unreadable
      case unrecorded, denied, writes, suggestion, deniedAfterBuild
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(version, forKey: .version)
      try container.encode(command, forKey: .command)
      try container.encode(appDirectory, forKey: .appDirectory)
      try container.encode(seconds, forKey: .seconds)
      try container.encode(processes, forKey: .processes)
      try container.encode(stop, forKey: .stop)
      try container.encode(exitStatus, forKey: .exitStatus)
      try container.encode(signal, forKey: .signal)
      try container.encode(complete, forKey: .complete)
      try container.encode(escape, forKey: .escape)
      try container.encode(unreadable, forKey: .unreadable)
      try container.encode(unrecorded, forKey: .unrecorded)
      try container.encode(denied, forKey: .denied)
      try container.encode(writes, forKey: .writes)
      try container.encode(suggestion, forKey: .suggestion)
      try container.encodeIfPresent(deniedAfterBuild, forKey: .deniedAfterBuild)
    }
  }

  /// `--json`: the document, keys sorted, and a newline.
  var json: String {
    var status: Int32?
    var signal: Int32?
    switch result.ending {
    case .exited(let code): status = code
    case .killed(let number): signal = number
    case nil: break
    }
    let notes = suggestion.notes.map { note -> NoteDocument in
      switch note {
      case .appDirectoryEntries(let paths):
        return NoteDocument(kind: "appDirectoryEntries", paths: paths)
      case .needsOwner(let paths): return NoteDocument(kind: "needsOwner", paths: paths)
      case .readOnlyFileSystem(let paths):
        return NoteDocument(kind: "readOnlyFileSystem", paths: paths)
      }
    }
    let document = Document(
      version: BuildpackInfo.version, command: command, appDirectory: appDirectory,
      seconds: (result.seconds * 1000).rounded() / 1000, processes: result.processes,
      stop: result.stop,
      exitStatus: status, signal: signal, complete: result.isComplete, escape: result.escape,
      unreadable: result.unreadable,
      unrecorded: result.unrecorded, denied: denied.count,
      writes: records.map { WriteDocument($0.write, call: $0.call, count: $0.count) },
      suggestion: SuggestionDocument(
        paths: suggestion.paths, create: suggestion.create, notes: notes),
      deniedAfterBuild: deniedAfterBuild.map { _ in
        deniedAfterBuildRecords.map { WriteDocument($0.write, call: $0.call, count: $0.count) }
      })
    return ReportText.json(document) + "\n"
  }
}
