import FileSystem
import Patterns
import Testing

@testable import Core

/// `group-writable trace`'s pure part: recorded writes in, the smallest `paths`/`create` configuration out.
@Suite struct TraceSuggestionTests {
  /// One table row: the writes in the order the app made them, and the exact suggestion.
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let writes: [TracedWrite]
    let paths: [String]
    var create: [String] = []
    var notes: [SuggestionNote] = []
    var testDescription: String { name }
    var expected: PatternSuggestion {
      PatternSuggestion(paths: paths, create: create, notes: notes)
    }
  }

  static func write(
    _ path: RelativePath, _ action: WriteAction, _ error: Errno? = nil, sqlite: Bool = false
  ) -> TracedWrite {
    TracedWrite(path: path, action: action, error: error, isSQLiteDatabase: sqlite)
  }

  /// A path from raw bytes (names need not be UTF-8).
  static func bytes(_ bytes: [UInt8]) -> RelativePath {
    (try? RelativePath(bytes: bytes)) ?? .appDirectory
  }

  static let eacces = Errno.permissionDenied
  static let enoent = Errno.noSuchFileOrDirectory

  @Test(arguments: [
    Case(
      name: "Rails: pids, logs",
      writes: [
        write("tmp/pids", .makeDirectory, eacces), write("log/development.log", .create),
        write("log/production.log", .writeInPlace),
      ], paths: ["/log/", "/tmp/"]),
    Case(
      name: "pid file in a directory nobody makes",
      writes: [write("tmp/pids/server.pid", .create, enoent)], paths: [], create: ["tmp/pids"]),
    Case(
      name: "the app makes the missing directory itself",
      writes: [write("tmp/cache", .makeDirectory, eacces), write("tmp/cache/x", .create, enoent)],
      paths: ["/tmp/"]),
    Case(
      name: "atomic save",
      writes: [
        write("public/uploads/.x.tmp", .create), write("public/uploads/.x.tmp", .renameFrom),
        write("public/uploads/x.json", .renameTo),
      ], paths: ["/public/uploads/"]),
    Case(
      name: "mkdir -p of a directory that is there needs nothing",
      writes: [write("tmp/pids", .makeDirectory, .fileExists)], paths: []),
    Case(
      name: "removing or renaming a missing name (rm -f) needs nothing",
      writes: [write("tmp/x", .remove, enoent), write("log/y", .renameFrom, enoent)], paths: []),
    Case(
      name: "an ancestor directory pattern covers the rest",
      writes: [
        write("tmp/pids/a.pid", .create), write("tmp/a.pid", .writeInPlace),
        write("tmp/b", .remove),
        write("tmp/pids/cache/x", .writeInPlace),
      ], paths: ["/tmp/"]),
    Case(
      name: "a create directory covers its own subtree",
      writes: [
        write("tmp/pids/server.pid", .create, enoent), write("tmp/pids/old.pid", .remove),
        write("tmp/pids/x/y", .writeInPlace),
      ], paths: [], create: ["tmp/pids"]),
    Case(
      name: "a create directory stays under a directory pattern: no pattern makes it",
      writes: [write("tmp/x", .create), write("tmp/pids/server.pid", .create, enoent)],
      paths: ["/tmp/"], create: ["tmp/pids"]),
    Case(
      name: "a file pattern of a directory covers what is below it",
      writes: [write("public", .changeTimes), write("public/assets/x", .create)], paths: ["/public"]
    ),
    Case(
      name: "a directory written in place and in is one directory pattern",
      writes: [write("storage", .changeTimes, eacces), write("storage/x", .create)],
      paths: ["/storage/"]),
  ])
  func suggestsDirectoriesFilesAndCreate(_ row: Case) {
    #expect(PatternSuggestion.suggest(row.writes) == row.expected)
  }

  @Test(arguments: [
    Case(
      name: "database written in place, with its journals",
      writes: [
        write("db/app.sqlite3", .writeInPlace, sqlite: true), write("db/app.sqlite3-wal", .create),
        write("db/app.sqlite3-shm", .create), write("db/app.sqlite3-wal", .remove),
      ], paths: ["/db/app.sqlite3"]),
    Case(
      name: "journals only; the database marked by a times change",
      writes: [
        write("db/app.sqlite3", .changeTimes, sqlite: true),
        write("db/app.sqlite3-journal", .create, eacces),
      ], paths: ["/db/app.sqlite3"]),
    Case(
      name: "another file made next to the database",
      writes: [
        write("db/app.sqlite3", .writeInPlace, sqlite: true), write("db/app.sqlite3-wal", .create),
        write("db/app.sqlite3-shm", .create), write("db/other.txt", .create),
      ], paths: ["/db/"]),
    Case(
      name: "a database made at run time",
      writes: [write("db/new.db", .create), write("db/new.db-journal", .create)],
      paths: ["/db/"]),
    Case(
      name: "journal of a database not known to be one",
      writes: [write("db/app.sqlite3-journal", .create)],
      paths: ["/db/"]),
    Case(
      name: "database at the root",
      writes: [
        write("db.sqlite3", .writeInPlace, sqlite: true), write("db.sqlite3-journal", .create),
        write("db.sqlite3-journal", .remove),
      ], paths: ["/db.sqlite3"]),
    Case(
      name: "database at the root beside another root entry",
      writes: [
        write("db.sqlite3", .writeInPlace, sqlite: true), write("db.sqlite3-journal", .create),
        write("server.pid", .create),
      ], paths: ["/db.sqlite3"], notes: [.appDirectoryEntries(["server.pid"])]),
    Case(
      name: "replacing the database itself needs its directory",
      writes: [
        write("db/app.sqlite3", .writeInPlace, sqlite: true), write("db/app.sqlite3-wal", .create),
        write("db/app.sqlite3", .renameTo),
      ], paths: ["/db/"]),
  ])
  func suggestsTheDatabaseForItsJournals(_ row: Case) {
    #expect(PatternSuggestion.suggest(row.writes) == row.expected)
  }

  @Test(arguments: [
    Case(
      name: "pid file at the root", writes: [write("server.pid", .create)], paths: [],
      notes: [.appDirectoryEntries(["server.pid"])]),
    Case(
      name: "root entries and the root's own times, sorted and deduplicated",
      writes: [
        write("b.pid", .create), write("a.log", .remove, eacces), write("b.pid", .remove),
        write(.appDirectory, .changeTimes), write(".cache", .makeDirectory),
      ], paths: [], notes: [.appDirectoryEntries([".", ".cache", "a.log", "b.pid"])]),
    Case(
      name: "mode change", writes: [write("public/x", .changeMode)], paths: [],
      notes: [.needsOwner(["public/x"])]),
    Case(
      name: "owner, explicit times and the root's mode",
      writes: [
        write("b", .changeOwner, .notPermitted), write("a/t", .changeTimes, .notPermitted),
        write(.appDirectory, .changeMode),
      ], paths: [], notes: [.needsOwner([".", "a/t", "b"])]),
    Case(
      name: "times refused with EACCES need only write",
      writes: [write("public/x", .changeTimes, eacces)], paths: ["/public/x"]),
    Case(
      name: "the app's own entries need no owner",
      writes: [
        write("tmp/puma.sock", .create), write("tmp/puma.sock", .changeMode),
        write("tmp/d", .makeDirectory),
        write("tmp/d", .changeOwner), write("tmp/.n", .create), write("tmp/.n", .renameFrom),
        write("tmp/n", .renameTo), write("tmp/n", .changeTimes, .notPermitted),
      ], paths: ["/tmp/"]),
    Case(
      name: "renamed over, removed: no longer the app's",
      writes: [
        write("tmp/a", .create), write("tmp/a", .remove), write("tmp/a", .changeMode),
        write("tmp/b", .create),
        write("tmp/b", .renameTo), write("tmp/b", .changeMode),
      ], paths: ["/tmp/"], notes: [.needsOwner(["tmp/a", "tmp/b"])]),
    Case(
      name:
        "read-only file system: the pattern and the note (the mode of its own file needs no owner)",
      writes: [
        write("tmp/x", .create, .readOnlyFileSystem),
        write("log/a.log", .writeInPlace, .readOnlyFileSystem),
        write("tmp/x", .changeMode, .readOnlyFileSystem),
      ], paths: ["/log/a.log", "/tmp/"],
      notes: [.readOnlyFileSystem(["log/a.log", "tmp/x"])]),
    Case(
      name: "every note, in order",
      writes: [
        write("x", .create, .readOnlyFileSystem), write("p/q", .changeMode), write("r/s", .create),
      ], paths: ["/r/"],
      notes: [.appDirectoryEntries(["x"]), .needsOwner(["p/q"]), .readOnlyFileSystem(["x"])]),
  ])
  func notesWhatNoPatternGrants(_ row: Case) {
    #expect(PatternSuggestion.suggest(row.writes) == row.expected)
  }

  @Test(arguments: [
    Case(
      name: "glob characters", writes: [write("a*b[1]", .writeInPlace)], paths: ["/a\\*b\\[1\\]"]),
    Case(name: "? and backslash", writes: [write("q?/b\\s/f", .create)], paths: ["/q\\?/b\\\\s/"]),
    Case(
      name: "leading # and !",
      writes: [write("#x/f", .create), write("!y/g", .create), write("#z", .writeInPlace)],
      paths: ["/#x/", "/#z", "/\\!y/"]),
    Case(
      name: "trailing space of a file", writes: [write("d/name ", .writeInPlace)],
      paths: ["/d/name\\ "]),
    Case(name: "trailing space of a directory", writes: [write("d /f", .create)], paths: ["/d /"]),
    Case(
      name: "invalid UTF-8",
      writes: [write(bytes(Array("b".utf8) + [0xFF, 0xC3] + Array("c".utf8)), .writeInPlace)],
      paths: ["/b??c"]),
    Case(
      name: "line breaks", writes: [write(bytes(Array("a\nb\r".utf8)), .writeInPlace)],
      paths: ["/a?b?"]),
    Case(
      name: "a create directory that is no UTF-8: its parent instead",
      writes: [write(bytes(Array("a/".utf8) + [0xFF] + Array("/x".utf8)), .create, enoent)],
      paths: ["/a/"]),
    Case(
      name: "… at the root: a root entry",
      writes: [write(bytes([0xFF] + Array("/x".utf8)), .create, enoent)], paths: [],
      notes: [.appDirectoryEntries(["\\xFF"])]),
    Case(
      name: "create entries are plain paths",
      writes: [write("a*/[b] /x", .create, enoent)], paths: [], create: ["a*/[b] "]),
  ])
  func escapesPatternsToMatchLiterally(_ row: Case) {
    #expect(PatternSuggestion.suggest(row.writes) == row.expected)
  }

  @Test(arguments: ["a*b[1]", "q?/b\\s/f", "!y/g", "#z", "d/name ", "d /f", "x]y", "**/z", "p/!q "])
  func eachPatternSelectsItsPathLiterally(_ text: String) throws {
    let path = try RelativePath(text)
    for isDirectory in [false, true] {
      let pattern = PatternSuggestion.patternText(path, isDirectory: isDirectory)
      let set = try Self.patternSet(paths: [pattern], create: [])
      #expect(set.decide(path: path.bytes, isDirectory: true)?.isSelected == true, "\(pattern)")
      #expect(
        (set.decide(path: path.bytes, isDirectory: false)?.isSelected ?? false) == !isDirectory,
        "\(pattern)")
    }
  }

  /// Random write lists (fixed seed): the suggestion lets every write succeed, and no part of it can go.
  @Test func suggestionsCoverEveryWriteAndNothingMore() throws {
    var generator = TraceGenerator(seed: 0x6772_6F75_7057)
    for _ in 0..<500 {
      let writes = generator.writes()
      let suggestion = PatternSuggestion.suggest(writes)
      let missing = try TraceCoverage.uncovered(writes, suggestion)
      #expect(missing.isEmpty, "\(writes) -> \(suggestion): \(missing)")
      #expect(Set(suggestion.create).count == suggestion.create.count)
      for index in suggestion.paths.indices {
        var others = suggestion.paths
        let pattern = others.remove(at: index)
        let set = try Self.patternSet(paths: others, create: suggestion.create)
        let isDirectory = pattern.hasSuffix("/")
        let covered = set.decide(path: TraceCoverage.unescaped(pattern), isDirectory: isDirectory)?
          .isSelected
        #expect(covered != true, "\(pattern) is covered by \(others) + create \(suggestion.create)")
        let without = PatternSuggestion(
          paths: others, create: suggestion.create, notes: suggestion.notes)
        #expect(
          try !TraceCoverage.uncovered(writes, without).isEmpty,
          "\(pattern) is not needed for \(writes)")
      }
      for index in suggestion.create.indices {
        var others = suggestion.create
        others.remove(at: index)
        let without = PatternSuggestion(
          paths: suggestion.paths, create: others, notes: suggestion.notes)
        #expect(
          try !TraceCoverage.uncovered(writes, without).isEmpty,
          "\(suggestion.create[index]) is not needed")
      }
    }
  }

  /// The patterns a build would use: the suggested ones, then each `create` directory's.
  static func patternSet(paths: [String], create: [String]) throws -> PatternSet {
    let configuration = try Configuration.commandLine(options: paths, file: nil, debug: false)
    let created = try create.enumerated().compactMap { index, text in
      PatternParser.parseLine(
        try RelativePath(text).directoryPatternBytes,
        origin: PatternOrigin(source: "create", line: index + 1))
    }
    #expect(configuration.patterns.count == paths.count)
    return PatternSet(configuration.patterns + created)
  }
}
