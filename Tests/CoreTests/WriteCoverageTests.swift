import FileSystem
import Patterns
import Testing

@testable import Core

/// `trace --config`: which traced writes a configuration would still deny after a build.
@Suite struct WriteCoverageTests {
  /// The settings of one row, made into a `Configuration` the way the command line makes one.
  struct Settings: Sendable, CustomTestStringConvertible {
    var patterns: [String] = []
    var create: [RelativePath] = []
    var ephemeral: [RelativePath] = []
    var wholeApp = false
    var sqliteDirectories = true

    var testDescription: String {
      "patterns \(patterns), create \(create), ephemeral \(ephemeral)"
        + (wholeApp ? ", whole app" : "")
        + (sqliteDirectories ? "" : ", sqlite-directories = false")
    }

    func configuration() throws -> Configuration {
      var configuration = try Configuration.commandLine(options: patterns, file: nil, debug: false)
      #expect(configuration.patterns.count == patterns.count)
      configuration.create = create
      configuration.ephemeral = ephemeral
      configuration.wholeApp = wholeApp
      configuration.policy.opensDatabaseDirectories = sqliteDirectories
      return configuration
    }
  }

  /// One table row: the settings, the writes in the order the app made them, and the exact denied writes.
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let settings: Settings
    let writes: [TracedWrite]
    let denied: [TracedWrite]
    var testDescription: String { name }
  }

  static func write(
    _ path: RelativePath, _ action: WriteAction, _ error: Errno? = nil, sqlite: Bool = false
  ) -> TracedWrite {
    TracedWrite(path: path, action: action, error: error, isSQLiteDatabase: sqlite)
  }

  static func denied(_ row: Case) throws -> [TracedWrite] {
    WriteCoverage(try row.settings.configuration()).denied(row.writes)
  }

  static let eacces = Errno.permissionDenied
  static let enoent = Errno.noSuchFileOrDirectory
  static let eexist = Errno.fileExists

  @Test(arguments: [
    Case(
      name: "a selected directory allows every write below it",
      settings: Settings(patterns: ["/tmp/"]),
      writes: [
        write("tmp/a", .create, eacces), write("tmp/b", .makeDirectory), write("tmp/c", .remove),
        write("tmp/d", .renameFrom), write("tmp/e", .renameTo),
        write("tmp/f", .writeInPlace, eacces),
        write("tmp/g", .changeTimes), write("tmp/sub/deep/x", .create),
        write("tmp/sub/y", .writeInPlace),
      ], denied: []),
    Case(
      name: "… and nothing outside it",
      settings: Settings(patterns: ["/tmp/"]),
      writes: [
        write("log/x", .create), write("tmp/f", .writeInPlace),
        write("log/a.log", .writeInPlace, eacces),
        write("tmpx/y", .create), write("var/tmp/z", .create),
      ],
      denied: [
        write("log/x", .create), write("log/a.log", .writeInPlace, eacces),
        write("tmpx/y", .create),
        write("var/tmp/z", .create),
      ]),
    Case(
      name: "a file pattern allows the file in place, not names next to it",
      settings: Settings(patterns: ["/log/a.log"]),
      writes: [
        write("log/a.log", .writeInPlace), write("log/a.log", .changeTimes, eacces),
        write("log/a.log.1", .create),
        write("log/a.log", .renameTo), write("log/a.log", .remove),
        write("log/b.log", .writeInPlace),
      ],
      denied: [
        write("log/a.log.1", .create), write("log/a.log", .renameTo), write("log/a.log", .remove),
        write("log/b.log", .writeInPlace),
      ]),
    Case(
      name: "an unanchored pattern, at any depth",
      settings: Settings(patterns: ["*.log"]),
      writes: [
        write("log/a.log", .writeInPlace), write("a/b/c.log", .writeInPlace),
        write("log/b.log", .create),
      ],
      denied: [write("log/b.log", .create)]),
    Case(
      name: "the entries of a directory but not the directory itself, one excluded",
      settings: Settings(patterns: ["/tmp/*", "!/tmp/keep/"]),
      writes: [
        write("tmp/other/x", .create), write("tmp/keep/x", .create), write("tmp/new", .create),
        write("tmp/old", .writeInPlace),
      ],
      denied: [write("tmp/keep/x", .create), write("tmp/new", .create)]),
    Case(
      name: "nothing can be re-included below a selected directory (git's rule)",
      settings: Settings(patterns: ["/tmp/", "!/tmp/keep/"]),
      writes: [write("tmp/keep/x", .create)], denied: []),
  ])
  func patternsAllowWhatTheySelect(_ row: Case) throws {
    #expect(try Self.denied(row) == row.denied)
  }

  @Test(arguments: [
    Case(
      name: "a selected database opens its directory for its journals (and any new name: sticky)",
      settings: Settings(patterns: ["/db/app.sqlite3"]),
      writes: [
        write("db/app.sqlite3", .writeInPlace, sqlite: true), write("db/app.sqlite3-wal", .create),
        write("db/app.sqlite3-journal", .create, eacces), write("db/app.sqlite3-journal", .remove),
        write("db/other.txt", .create), write("db/seed.txt", .writeInPlace),
      ],
      denied: [write("db/seed.txt", .writeInPlace)]),
    Case(
      name: "… marked by any write of it",
      settings: Settings(patterns: ["/db/app.sqlite3"]),
      writes: [
        write("db/app.sqlite3-shm", .create), write("db/app.sqlite3", .changeTimes, sqlite: true),
      ],
      denied: []),
    Case(
      name: "… not with sqlite-directories = false",
      settings: Settings(patterns: ["/db/app.sqlite3"], sqliteDirectories: false),
      writes: [
        write("db/app.sqlite3", .writeInPlace, sqlite: true), write("db/app.sqlite3-wal", .create),
        write("db/app.sqlite3-journal", .remove), write("db/other.txt", .create),
      ],
      denied: [
        write("db/app.sqlite3-wal", .create), write("db/app.sqlite3-journal", .remove),
        write("db/other.txt", .create),
      ]),
    Case(
      name: "a file that is no database opens nothing",
      settings: Settings(patterns: ["/db/app.sqlite3"]),
      writes: [write("db/app.sqlite3", .writeInPlace), write("db/app.sqlite3-wal", .create)],
      denied: [write("db/app.sqlite3-wal", .create)]),
    Case(
      name: "a database that is not selected opens nothing",
      settings: Settings(patterns: ["/log/"]),
      writes: [
        write("db/app.sqlite3", .writeInPlace, sqlite: true), write("db/app.sqlite3-wal", .create),
      ],
      denied: [
        write("db/app.sqlite3", .writeInPlace, sqlite: true), write("db/app.sqlite3-wal", .create),
      ]),
    Case(
      name: "a selected database at the root opens the root, sticky",
      settings: Settings(patterns: ["/app.sqlite3"]),
      writes: [
        write("app.sqlite3", .writeInPlace, sqlite: true), write("app.sqlite3-journal", .create),
        write("server.pid", .create),
      ], denied: []),
  ])
  func selectedDatabasesOpenTheirDirectories(_ row: Case) throws {
    #expect(try Self.denied(row) == row.denied)
  }

  @Test(arguments: [
    Case(
      name: "a create directory is made, and everything in it is writable",
      settings: Settings(create: ["tmp/pids"]),
      writes: [
        write("tmp/pids/server.pid", .create, enoent), write("tmp/pids/old.pid", .remove),
        write("tmp/pids/x", .writeInPlace), write("tmp/other", .create),
        write("tmp/cache/x", .create, enoent),
      ],
      denied: [write("tmp/other", .create), write("tmp/cache/x", .create, enoent)]),
    Case(
      name: "a missing directory stays missing, selected or not",
      settings: Settings(patterns: ["/tmp/"]),
      writes: [
        write("tmp/pids/server.pid", .create, enoent), write("tmp/cache", .makeDirectory, eexist),
      ],
      denied: [write("tmp/pids/server.pid", .create, enoent)]),
    Case(
      name: "a missing directory the app makes itself needs its parent writable",
      settings: Settings(patterns: ["/tmp/"]),
      writes: [write("tmp/cache", .makeDirectory), write("tmp/cache/x", .create, enoent)],
      denied: []),
    Case(
      name: "… and is named once, by its mkdir, when it is not",
      settings: Settings(patterns: ["/log/"]),
      writes: [
        write("tmp/cache", .makeDirectory, eacces), write("tmp/cache/x", .create, enoent),
        write("tmp/cache/y", .create),
      ],
      denied: [write("tmp/cache", .makeDirectory, eacces)]),
    Case(
      name: "a directory the app made in a missing one",
      settings: Settings(),
      writes: [write("a/b", .makeDirectory, enoent), write("a/b/f", .create, enoent)],
      denied: [write("a/b", .makeDirectory, enoent)]),
    Case(
      name: "mkdir -p of a directory that is there: its names need it writable",
      settings: Settings(patterns: ["/log/"]),
      writes: [
        write("tmp/cache", .makeDirectory, eexist), write("tmp/cache/x", .create),
        write("log/d", .makeDirectory, eexist), write("log/d/x", .create),
      ],
      denied: [write("tmp/cache/x", .create)]),
    Case(
      name: "an ephemeral directory is writable, and only what is in it",
      settings: Settings(ephemeral: ["tmp/cache"]),
      writes: [
        write("tmp/cache/x", .create), write("tmp/cache/y", .writeInPlace),
        write("tmp/cache/z", .remove),
        write("tmp/cache/d", .makeDirectory), write("tmp/other", .create),
      ],
      denied: [write("tmp/other", .create)]),
  ])
  func createAndEphemeralDirectoriesAreWritable(_ row: Case) throws {
    #expect(try Self.denied(row) == row.denied)
  }

  static let rootWrites = [
    write("server.pid", .create), write(".cache", .makeDirectory), write("a.log", .remove, eacces),
    write("b", .renameFrom), write("c", .renameTo), write(.appDirectory, .writeInPlace),
    write(.appDirectory, .changeTimes),
  ]

  @Test(arguments: [
    Case(
      name: "names in the root are denied whatever the patterns",
      settings: Settings(patterns: ["/tmp/", "*"]),
      writes: rootWrites, denied: rootWrites),
    Case(
      name: "… but in whole-app mode", settings: Settings(wholeApp: true),
      writes: rootWrites + [write("log/x", .create), write("a/b", .writeInPlace)], denied: []),
    Case(
      name: "mode and owner changes are never listed", settings: Settings(),
      writes: [
        write("x", .changeMode), write("y/z", .changeOwner, .notPermitted),
        write("z", .changeTimes, .notPermitted),
        write(.appDirectory, .changeMode),
      ], denied: []),
    Case(
      name: "removing or renaming away a missing name (rm -f) is never listed",
      settings: Settings(),
      writes: [
        write("tmp/x", .remove, enoent), write("log/y", .renameFrom, enoent),
        write("z", .remove, enoent),
        write("tmp/w", .remove, eacces),
      ],
      denied: [write("tmp/w", .remove, eacces)]),
    Case(
      name: "mkdir of a directory that is there is never listed", settings: Settings(),
      writes: [write("tmp", .makeDirectory, eexist), write("tmp/pids", .makeDirectory, eexist)],
      denied: []),
    Case(
      name: "the app's own entries need no permission to write in place",
      settings: Settings(patterns: ["/tmp/"]),
      writes: [
        write("log/x", .create), write("log/x", .writeInPlace), write("log/x", .changeTimes),
        write("log/y", .create, eexist), write("log/y", .writeInPlace), write("log/x", .remove),
        write("log/x", .writeInPlace),
      ],
      denied: [
        write("log/x", .create), write("log/y", .create, eexist), write("log/y", .writeInPlace),
        write("log/x", .remove), write("log/x", .writeInPlace),
      ]),
    Case(
      name: "a file renamed into place stays the app's", settings: Settings(patterns: ["/tmp/"]),
      writes: [
        write("tmp/.x", .create), write("tmp/.x", .renameFrom), write("log/x", .renameTo),
        write("log/x", .writeInPlace),
      ],
      denied: [write("log/x", .renameTo)]),
    Case(name: "no writes", settings: Settings(), writes: [], denied: []),
  ])
  func whatNoConfigurationChanges(_ row: Case) throws {
    #expect(try Self.denied(row) == row.denied)
  }

  /// Writes to entries a directory pattern selects, made with a call that does not say it is a directory
  /// (`utimensat`, `open(O_WRONLY)` of a directory fails, but a times change of it does not).
  @Test func aDirectoryPatternAllowsTheDirectorysOwnTimes() throws {
    let configuration = try Settings(patterns: ["/storage/"]).configuration()
    let writes = [
      Self.write("storage", .changeTimes, Self.eacces), Self.write("storage/x", .create),
    ]
    // `PatternSuggestion` suggests exactly `/storage/` for these writes (TraceSuggestionTests).
    #expect(PatternSuggestion.suggest(writes).paths == ["/storage/"])
    #expect(WriteCoverage(configuration).denied(writes) == [])
  }

  /// `create` makes the directory itself (and its parents), not the missing directories below it.
  @Test func aMissingDirectoryInsideACreateDirectoryStaysMissing() throws {
    let configuration = try Settings(create: ["tmp"]).configuration()
    let writes = [Self.write("tmp/pids/server.pid", .create, Self.enoent)]
    #expect(PatternSuggestion.suggest(writes).create == ["tmp/pids"])
    #expect(WriteCoverage(configuration).denied(writes) == writes)
    let made = try Settings(create: ["tmp/pids/x"]).configuration()
    #expect(WriteCoverage(made).denied(writes) == [])
  }
}
