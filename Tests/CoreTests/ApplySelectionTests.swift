import FileSystem
import Foundation
import Patterns
import TestSupport
import Testing

@testable import Core

@Suite struct ApplySelectionTests {
  /// Runs the pipeline on `tree` with `patterns` (one per line).
  func apply(
    _ tree: TemporaryTree, _ patterns: String, create: [RelativePath] = [],
    policy: ModePolicy = ModePolicy(),
    mode: ApplyMode = .apply, wholeApp: Bool = false, audit: Bool = false, threads: Int = 1,
    buildUser: uid_t = geteuid(), output: (any ApplyOutput)? = nil
  ) throws -> Report {
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    let configuration = Configuration(
      patterns: PatternParser.parse(Array(patterns.utf8), source: "test"), create: create,
      wholeApp: wholeApp,
      policy: policy, audit: audit)
    let changer: any PermissionChanging =
      mode == .apply ? SystemPermissionChanger() : DryRunPermissionChanger()
    return try ApplySelection(
      configuration: configuration, mode: mode, threads: threads,
      effects: ApplyEffects(tree: app, changer: changer, output: output), buildUserID: buildUser
    ).run()
  }

  func railsTree() throws -> TemporaryTree { try .railsShaped() }

  /// A file that starts like an SQLite database, one page long.
  func database(_ tree: TemporaryTree, _ path: String) throws {
    try tree.file(path, contents: "SQLite format 3\0" + String(repeating: "\u{1}", count: 4080))
  }

  @Test func grantsOwnerBitsToTheGroupOfSelectedEntries() throws {
    let tree = try railsTree()
    let report = try apply(tree, "/tmp/\n/log/\n*.sqlite3\n")
    #expect(tree.mode("tmp") == 0o775)
    #expect(tree.mode("tmp/cache") == 0o775)
    #expect(tree.mode("tmp/cache/a") == 0o660)
    #expect(tree.mode("tmp/pids") == 0o770)
    #expect(tree.mode("log/production.log") == 0o664)
    #expect(tree.mode("db/production.sqlite3") == 0o664)
    #expect(tree.mode("db") == 0o755)
    #expect(tree.mode("app/models/user.rb") == 0o644)
    #expect(tree.mode("") == 0o755)
    #expect(report.counts.directoriesChanged == 4)
    #expect(report.counts.filesChanged == 3)
    #expect(report.patterns.map(\.matches) == [1, 1, 1])
    #expect(report.patterns.map(\.selected) == [4, 2, 1])
    #expect(report.failures.isEmpty)
    #expect(report.roots.paths == ["db/production.sqlite3", "log/", "tmp/"])
    #expect(report.changes.closedDirectories.paths == ["db/"])
  }

  @Test func aSecondRunChangesNothing() throws {
    let tree = try railsTree()
    _ = try apply(tree, "/tmp/\n/log/\n")
    let report = try apply(tree, "/tmp/\n/log/\n")
    #expect(report.counts.entriesChanged == 0)
    #expect(report.counts.alreadyWritable == 6)
  }

  @Test func listAndDryRunChangeNothing() throws {
    let tree = try railsTree()
    let listed = try apply(tree, "/tmp/\n", mode: .list)
    #expect(listed.roots.paths == ["tmp/"])
    #expect(listed.counts.entriesChanged == 0)
    let dry = try apply(tree, "/tmp/\n", mode: .dryRun)
    #expect(dry.counts.directoriesChanged == 3)
    #expect(dry.dryRun)
    #expect(tree.mode("tmp") == 0o755)
    #expect(tree.mode("tmp/cache/a") == 0o600)
  }

  @Test func neverFollowsOrChangesSymlinksAndNeverOpensSpecialFiles() throws {
    let tree = try railsTree()
    let outside = try TemporaryTree()
    try outside.file("secret", mode: 0o600)
    try outside.directory("dir", mode: 0o700)
    try tree.symlink("tmp/escape", to: outside.path("dir"))
    try tree.symlink("tmp/secret", to: outside.path("secret"))
    #expect(mkfifo(tree.path("tmp/fifo"), 0o644) == 0)
    let report = try apply(tree, "/tmp/\nescape/\n*secret*\n")
    #expect(outside.mode("secret") == 0o600)
    #expect(outside.mode("dir") == 0o700)
    #expect(tree.mode("tmp/fifo") == 0o644)
    #expect(report.changes.symbolicLinks.paths == ["tmp/escape", "tmp/secret"])
    #expect(report.changes.specialFiles.paths == ["tmp/fifo"])
  }

  @Test func leavesHardLinkedAndSetIDFilesAlone() throws {
    let tree = try railsTree()
    try tree.file("tmp/setuid", mode: 0o4755)
    try FileManager.default.linkItem(
      atPath: tree.path("tmp/cache/a"), toPath: tree.path("tmp/link"))
    let report = try apply(tree, "/tmp/\n")
    #expect(tree.mode("tmp/setuid") == 0o4755)
    #expect(tree.mode("tmp/cache/a") == 0o600)
    #expect(report.changes.hardLinkedFiles.paths == ["tmp/cache/a", "tmp/link"])
    #expect(report.changes.setIDFiles.paths == ["tmp/setuid"])
  }

  @Test func givesAncestorsGroupSearchButNotTheAppRoot() throws {
    let tree = try TemporaryTree()
    try tree.file("a/b/c/file")
    chmod(tree.path("a"), 0o700)
    chmod(tree.path("a/b"), 0o750)
    chmod(tree.root, 0o700)
    defer { chmod(tree.root, 0o755) }
    let report = try apply(tree, "/a/b/c/\n")
    #expect(tree.mode("a") == 0o710)
    #expect(tree.mode("a/b") == 0o750)
    #expect(tree.mode("a/b/c") == 0o775)
    #expect(tree.mode("") == 0o700)
    #expect(report.rootWithoutGroupSearch == 0o700)
    #expect(report.counts.ancestorsChanged == 1)
    #expect(report.changes.ancestorsGranted.paths == ["a/"])
  }

  @Test func wholeAppModeChangesTheRootToo() throws {
    let tree = try railsTree()
    let report = try apply(tree, "", wholeApp: true)
    #expect(tree.mode("") == 0o775)
    #expect(tree.mode("app/models/user.rb") == 0o664)
    #expect(tree.mode("bin/rails") == 0o775)
    #expect(report.roots.paths == ["./"])
  }

  @Test func failsForEntriesItDoesNotOwnThatLackWhatTheSelectionNeeds() throws {
    let tree = try railsTree()
    let stranger: uid_t = geteuid() == 4242 ? 4243 : 4242
    let report = try apply(tree, "/log/\n", buildUser: stranger)
    #expect(report.failures.total == 2)
    #expect(
      report.failures.elements.first?.cause
        == .notOwned(owner: Int(geteuid()), buildUser: Int(stranger)))
    #expect(tree.mode("log") == 0o755)
  }

  @Test func removesWorldWriteThePlatformSetFromTheRootAndEverythingOwned() throws {
    let tree = try railsTree()
    chmod(tree.root, 0o777)
    defer { chmod(tree.root, 0o755) }
    for path in ["app", "app/models/user.rb", "log", "log/production.log"] {
      chmod(tree.path(path), 0o777)
    }
    let report = try apply(tree, "/log/\n")
    #expect(tree.mode("") == 0o755)
    #expect(tree.mode("app") == 0o775)
    #expect(tree.mode("app/models/user.rb") == 0o775)
    #expect(tree.mode("log") == 0o775)
    #expect(tree.mode("log/production.log") == 0o775)
    #expect(report.counts.worldWriteRemoved == 5)
    #expect(
      report.changes.worldWriteRemoved.elements.first
        == ModeChange(path: "./", from: 0o777, to: 0o755))
    #expect(report.appDirectory?.modeBefore == 0o777 && report.appDirectory?.modeAfter == 0o755)
    #expect(report.changes.groupWritableOutside.paths == ["app/", "app/models/user.rb"])
  }

  @Test func keepsWorldWriteWhenAskedAndThenPrunesAgain() throws {
    let tree = try railsTree()
    try tree.file("node_modules/x/index.js", mode: 0o666)
    let report = try apply(tree, "/log/\n", policy: ModePolicy(keepsWorldWrite: true))
    #expect(tree.mode("node_modules/x/index.js") == 0o666)
    #expect(report.counts.directoriesPruned > 0)
  }

  @Test func theExclusiveSelectionLeavesOnlyTheSelectionGroupWritable() throws {
    let tree = try railsTree()
    for path in ["app", "app/models", "app/models/user.rb", "bin/rails", "db"] {
      chmod(tree.path(path), 0o777)
    }
    let report = try apply(tree, "/tmp/\n", policy: ModePolicy(removesGroupWriteOutside: true))
    #expect(tree.mode("app") == 0o755)
    #expect(tree.mode("app/models/user.rb") == 0o755)
    #expect(tree.mode("db") == 0o755)
    #expect(tree.mode("tmp/cache") == 0o775)
    #expect(report.counts.groupWriteRemoved == 5)
    #expect(report.changes.groupWritableOutside.isEmpty)
  }

  @Test func opensTheDirectoryOfASelectedSQLiteDatabaseWithTheStickyBit() throws {
    let tree = try railsTree()
    try database(tree, "db/production.sqlite3")
    try database(tree, "data.db")
    let report = try apply(tree, "/db/*.sqlite3\n/data.db\n")
    #expect(tree.mode("db") == 0o1775)
    #expect(tree.mode("") == 0o1775)
    #expect(tree.mode("db/production.sqlite3") == 0o664)
    #expect(report.changes.databaseDirectories.elements.map(\.path) == ["./", "db/"])
    #expect(report.changes.closedDirectories.isEmpty)
    chmod(tree.root, 0o755)
    let off = try TemporaryTree()
    try database(off, "db/x.sqlite3")
    let closed = try apply(
      off, "/db/*.sqlite3\n", policy: ModePolicy(opensDatabaseDirectories: false))
    #expect(off.mode("db") == 0o755)
    #expect(closed.changes.closedDirectories.paths == ["db/"])
  }

  @Test func namesTheWalAndShmFilesTheRunUserCannotWriteNextToADatabase() throws {
    let tree = try railsTree()
    try database(tree, "db/production.sqlite3")
    try tree.file("db/production.sqlite3-wal", mode: 0o644)
    try tree.file("db/production.sqlite3-shm", mode: 0o664)
    try tree.file("db/other-wal-notes.txt", mode: 0o644)
    let report = try apply(tree, "/db/*.sqlite3\n")
    #expect(tree.mode("db") == 0o1775)
    #expect(report.changes.closedDatabaseCompanions.paths == ["db/production.sqlite3-wal"])
    let selected = try railsTree()
    try database(selected, "db/production.sqlite3")
    try selected.file("db/production.sqlite3-wal", mode: 0o644)
    #expect(try apply(selected, "/db/*.sqlite3*\n").changes.closedDatabaseCompanions.isEmpty)
  }

  /// The modes whatever the umask: `CommandLineTests.createdDirectoriesGetTheirModeWhateverTheUmask`, in a
  /// process of its own (the umask is the process's).
  @Test func createdDirectoriesAreReportedWithTheirMode() throws {
    let report = try apply(TemporaryTree(), "", create: ["tmp/pids"])
    #expect(report.made.elements == [MadeDirectory(path: "tmp/pids", first: "tmp")])
    #expect(
      report.created == [
        CreatedDirectory(path: "tmp", mode: 0o755), CreatedDirectory(path: "tmp/pids", mode: 0o775),
      ])
  }

  @Test func auditsAfterTheChangesInTheSameWalk() throws {
    let tree = try railsTree()
    try tree.file("bin/tool", mode: 0o4755)
    try tree.file("shared", mode: 0o666)
    let report = try apply(tree, "/log/\n", audit: true)
    #expect(report.audit?.setIDExecutables.paths == ["bin/tool"])
    #expect(report.audit?.worldWritable.isEmpty == true)
    #expect(report.audit?.inspected == report.counts.scanned + 1)
  }

  @Test func anAuditOnlyRunChangesNothing() throws {
    let tree = try railsTree()
    try tree.file("shared", mode: 0o666)
    try tree.directory("drop", mode: 0o1777)
    let stranger: uid_t = geteuid() == 4242 ? 4243 : 4242
    let report = try apply(tree, "", mode: .audit, buildUser: stranger)
    #expect(tree.mode("shared") == 0o666)
    let audit = try #require(report.audit)
    #expect(Set(audit.worldWritable.paths) == ["shared", "drop/"])
    #expect(audit.foreignOwned.total == audit.inspected)
    #expect(audit.foreignOwners == [Int(geteuid())])
  }

  @Test(arguments: [2, 4])
  func aSharedWalkReportsWhatOneThreadReports(threads: Int) throws {
    let tree = try TemporaryTree()
    try tree.directory("node_modules/.bin")
    for package in 0..<40 {
      try tree.file("node_modules/p\(package)/lib/index.js")
      try tree.file("node_modules/p\(package)/package.json", mode: package % 3 == 0 ? 0o666 : 0o600)
      try tree.symlink("node_modules/.bin/p\(package)", to: "../p\(package)/lib/index.js")
    }
    try tree.file("node_modules/p1/setuid", mode: 0o4755)
    #expect(
      link(tree.path("node_modules/p2/package.json"), tree.path("node_modules/p3/shared.json")) == 0
    )
    try tree.file("app/main.js", mode: 0o666)
    let before = tree.modes()
    var alone = try apply(tree, "node_modules/\n", audit: true)
    let after = tree.modes()
    tree.restore(before)
    var shared = try apply(tree, "node_modules/\n", audit: true, threads: threads)
    #expect(tree.modes() == after)
    #expect(alone.threads == 1 && shared.threads == threads)
    alone.elapsedSeconds = 0
    shared.elapsedSeconds = 0
    shared.threads = 1
    #expect(shared == alone)
    #expect(shared.changes.symbolicLinks.total == 40)
    #expect(shared.changes.worldWriteRemoved.total == 15)
  }

  @Test func perEntryOutputKeepsTheWalkOnOneThreadInWalkOrder() throws {
    let tree = try railsTree()
    let output = RecordingOutput()
    let report = try apply(tree, "/tmp/\n", threads: 4, output: output)
    #expect(report.threads == 1)
    #expect(output.changes.count == report.counts.entriesChanged)
    #expect(output.changes.last == "tmp/")
  }

  @Test func mergedRecordersKeepTheFirstFailuresByPathAndCountThemAll() {
    let counter = ChangeCounter()
    let main = RunRecorder(changesSoFar: counter)
    let helper = RunRecorder(changesSoFar: counter)
    for index in stride(from: 99, through: 0, by: -1) {
      let failure = EntryFailure(
        path: String(format: "f%03d", index), cause: .notOwned(owner: 1, buildUser: 2))
      (index % 2 == 0 ? main : helper).report.failures.add(failure)
    }
    main.add(helper)
    #expect(main.report.failures.total == 100)
    #expect(
      main.report.failures.elements.map(\.path)
        == (0..<ReportLimits.failuresKept).map { String(format: "f%03d", $0) })
  }
}

/// Records what a run hands its output.
final class RecordingOutput: ApplyOutput {
  var changes: [String] = []
  var wantsEveryChange: Bool { true }
  func changed(
    _ path: String, kind: FileKind, from old: mode_t, to new: mode_t, reasons: ChangeReasons
  ) {
    changes.append(path)
  }
}
