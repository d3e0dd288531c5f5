import Core
import FileSystem
import Foundation
import Patterns
import Testing
import Tracer

@testable import CLI

/// `trace --json`: the document's keys and values.
extension TraceReportTests {
  struct Document: Decodable, Equatable {
    struct Write: Decodable, Equatable {
      let path: String
      let action: String
      let call: String?
      let count: Int
      let error: String?
      let sqliteDatabase: Bool
    }

    struct Note: Decodable, Equatable {
      let kind: String
      let paths: [String]
    }

    struct Suggestion: Decodable, Equatable {
      let paths: [String]
      let create: [String]
      let notes: [Note]
    }

    let version: String
    let command: [String]
    let appDirectory: String
    let seconds: Double
    let processes: Int
    let stop: String
    let exitStatus: Int32?
    let signal: Int32?
    let complete: Bool
    let escape: String?
    let unreadable: Int
    let unrecorded: Int
    let denied: Int
    let writes: [Write]
    let suggestion: Suggestion
    let deniedAfterBuild: [Write]?
  }

  static func decoded(_ report: TraceReport) throws -> (Document, keys: [String]) {
    let json = report.json
    #expect(json.hasSuffix("}\n"))
    let data = Data(json.utf8)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    // Every write has every key, `error` null for a call that succeeded.
    for write in (object["writes"] as? [[String: Any]] ?? [])
      + (object["deniedAfterBuild"] as? [[String: Any]] ?? [])
    {
      #expect(
        write.keys.sorted() == ["action", "call", "count", "error", "path", "sqliteDatabase"])
    }
    return (try JSONDecoder().decode(Document.self, from: data), object.keys.sorted())
  }

  static let allKeys = [
    "appDirectory", "command", "complete", "denied", "deniedAfterBuild", "escape", "exitStatus",
    "processes", "seconds",
    "signal", "stop", "suggestion", "unreadable", "unrecorded", "version", "writes",
  ]

  @Test func theJSONDocumentHoldsTheWholeRecord() throws {
    let (document, keys) = try Self.decoded(
      try Self.report(Self.result(Self.rails, ending: .exited(1))))
    // Keys that do not apply are null (`signal`); `deniedAfterBuild` is there only with `--config`.
    #expect(keys == Self.allKeys.filter { $0 != "deniedAfterBuild" })
    let expected = Document(
      version: BuildpackInfo.version, command: ["bin/rails", "server"], appDirectory: "/workspace",
      seconds: 4.213,
      processes: 3, stop: "finished", exitStatus: 1, signal: nil, complete: true, escape: nil,
      unreadable: 0, unrecorded: 0,
      denied: 4,
      writes: [
        .init(
          path: "tmp/pids", action: "makeDirectory", call: "mkdir", count: 1, error: "EACCES",
          sqliteDatabase: false),
        .init(
          path: "log/development.log", action: "create", call: "openat", count: 3, error: "EACCES",
          sqliteDatabase: false),
        .init(
          path: "db/development.sqlite3", action: "writeInPlace", call: "openat", count: 1,
          error: "EACCES",
          sqliteDatabase: true),
        .init(
          path: "db/development.sqlite3-journal", action: "create", call: "openat", count: 2,
          error: "EACCES",
          sqliteDatabase: false),
        .init(
          path: "tmp/cache/x", action: "remove", call: "unlinkat", count: 1, error: "ENOENT",
          sqliteDatabase: false),
        .init(
          path: "server.pid", action: "create", call: "openat", count: 1, error: nil,
          sqliteDatabase: false),
      ],
      suggestion: .init(
        paths: ["/db/development.sqlite3", "/log/", "/tmp/"], create: [],
        notes: [.init(kind: "appDirectoryEntries", paths: ["server.pid"])]),
      deniedAfterBuild: nil)
    #expect(document == expected)
  }

  @Test func theJSONDocumentOfAConfiguredIncompleteKilledTrace() throws {
    let records = [
      Self.record("tmp/pids/server.pid", .create, .noSuchFileOrDirectory),
      Self.record(".", .changeMode, call: "fchmod"),
      Self.record("x/y", .writeInPlace, .readOnlyFileSystem),
    ]
    let report = try Self.report(
      Self.result(
        records, unrecorded: 2, unreadable: 1, processes: 1, ending: .killed(signal: 9),
        stop: .timeLimit,
        seconds: 1.23456),
      command: ["sh", "-c", "x"], patterns: ["/x/"])
    let (document, keys) = try Self.decoded(report)
    #expect(keys == Self.allKeys)
    #expect(
      document
        == Document(
          version: BuildpackInfo.version, command: ["sh", "-c", "x"], appDirectory: "/workspace",
          seconds: 1.235,
          processes: 1, stop: "timeLimit", exitStatus: nil, signal: 9, complete: false, escape: nil,
          unreadable: 1, unrecorded: 2,
          denied: 1,
          writes: [
            .init(
              path: "tmp/pids/server.pid", action: "create", call: "openat", count: 1,
              error: "ENOENT",
              sqliteDatabase: false),
            .init(
              path: ".", action: "changeMode", call: "fchmod", count: 1, error: nil,
              sqliteDatabase: false),
            .init(
              path: "x/y", action: "writeInPlace", call: "openat", count: 1, error: "EROFS",
              sqliteDatabase: false),
          ],
          suggestion: .init(
            paths: ["/x/y"], create: ["tmp/pids"],
            notes: [
              .init(kind: "needsOwner", paths: ["."]),
              .init(kind: "readOnlyFileSystem", paths: ["x/y"]),
            ]),
          deniedAfterBuild: [
            .init(
              path: "tmp/pids/server.pid", action: "create", call: "openat", count: 1,
              error: "ENOENT",
              sqliteDatabase: false)
          ]))
    #expect(report.exitStatus == ExitStatus.failure)
  }

  @Test func theJSONDocumentOfALostCommand() throws {
    let report = try Self.report(
      Self.result([], ending: nil, stop: .interrupted), patterns: ["/tmp/"])
    let (document, keys) = try Self.decoded(report)
    #expect(keys == Self.allKeys)
    #expect(document.stop == "interrupted")
    #expect(document.deniedAfterBuild == [])
    #expect(document.writes == [])
    #expect(document.suggestion == .init(paths: [], create: [], notes: []))
    #expect(document.complete)
  }

  @Test(arguments: TraceEscape.allCases)
  func theJSONDocumentOfAnEscapeNamesIt(escape: TraceEscape) throws {
    let result = TraceResult(
      records: [], unrecorded: 0, unreadable: 0, processes: 2, ending: .killed(signal: 9),
      stop: .escaped,
      seconds: 0.12, escape: escape)
    let (document, keys) = try Self.decoded(try Self.report(result))
    #expect(keys == Self.allKeys.filter { $0 != "deniedAfterBuild" })
    #expect(document.stop == "escaped")
    #expect(document.escape == escape.rawValue)
    #expect(!document.complete)
  }
}
