import FileSystem
import Testing

@testable import Core

#if canImport(Glibc)
  import Glibc
#endif

/// Runs `body` with a `WalkEntry` for `path` whose status is known, as a fake walk hands it over.
func withEntry<T>(
  _ path: String, kind: FileKind, selection: EntrySelection, mode: UInt32, owner: UInt32 = 1001,
  links: UInt64 = 1,
  size: Int = 0, marks: DirectoryMarks = [], throughOpenDirectory: Bool = false,
  opened: Bool = false, _ body: (inout WalkEntry) -> T
) -> T {
  let typeBits: UInt32 = kind == .directory ? 0o040000 : (kind == .fifo ? 0o010000 : 0o100000)
  let status = FileStatus(
    mode: typeBits | mode, userID: owner, groupID: 1000, linkCount: links, inode: 7, size: size)
  let name = Array((path.split(separator: "/").last.map(String.init) ?? ".").utf8CString)
  let bytes = Array(path.utf8)
  return bytes.withUnsafeBufferPointer { pathBuffer in
    name.withUnsafeBufferPointer { nameBuffer in
      var entry = WalkEntry(
        path: pathBuffer, name: nameBuffer.baseAddress!, parent: .none,
        parentStatus: FileStatus(mode: 0o040755, userID: owner, groupID: 1000),
        directory: opened ? FileDescriptor.none : nil,
        kind: kind,
        selection: selection, marks: marks, status: status,
        reachedThroughOpenDirectory: throughOpenDirectory)
      return body(&entry)
    }
  }
}

/// A `PermissionApplier` changing through `changer` for build user `buildUser`, and the recorder it records into.
func testApplier(
  _ changer: FakeChanger, policy: ModePolicy = ModePolicy(), buildUser: uid_t = 1001
) -> (PermissionApplier, RunRecorder) {
  let recorder = RunRecorder(changesSoFar: ChangeCounter())
  return (
    PermissionApplier(
      policy: policy, changer: changer, recorder: recorder, buildUserID: buildUser, output: nil),
    recorder
  )
}

/// A changer that records what it is asked and fails as told.
final class FakeChanger: PermissionChanging, @unchecked Sendable {
  var changes: [String] = []
  var failure: ModeChangeError?
  /// What `extendedAccess` answers, or throws.
  var access: Result<ExtendedAccess, ModeChangeError> = .success(.none)
  /// The entries whose extended access was read.
  var accessReads: [String] = []
  let isPrivileged: Bool
  /// Whether `holdClosed` holds a directory group or others could write, as the real changer does an owned one.
  var holds = false

  init(failing failure: ModeChangeError? = nil, privileged: Bool = false) {
    self.failure = failure
    isPrivileged = privileged
  }

  func extendedAccess(of entry: inout WalkEntry, expected: FileStatus) throws(ModeChangeError)
    -> ExtendedAccess
  {
    accessReads.append(String(decoding: entry.path, as: UTF8.self))
    return try access.get()
  }

  func changeMode(of entry: WalkEntry, expected: FileStatus, to mode: mode_t)
    throws(ModeChangeError)
  {
    if let failure { throw failure }
    changes.append(
      "\(String(decoding: entry.path, as: UTF8.self)) \(String(expected.permissions, radix: 8))->\(String(mode, radix: 8))"
    )
  }

  func holdClosed(_ directory: WalkEntry, status: FileStatus) -> mode_t? {
    let open = status.permissions & (S_IWGRP | S_IWOTH)
    guard holds, open != 0 else { return nil }
    let held = status.permissions & ~open
    changes.append(
      "\(String(decoding: directory.path, as: UTF8.self)) held \(String(status.permissions, radix: 8))->\(String(held, radix: 8))"
    )
    return held
  }
}

/// A header reader with a fixed answer.
struct FakeHeaders: FileHeaderReading {
  var header: [UInt8]?
  func header(of entry: WalkEntry, expected: FileStatus, length: Int) -> [UInt8]? { header }
}

@Suite struct PermissionApplierTests {
  @Test func changesFilesWhenVisitedAndDirectoriesWhenLeft() {
    let changer = FakeChanger()
    let (applier, recorder) = testApplier(changer)
    withEntry("log", kind: .directory, selection: .root(pattern: 0), mode: 0o755) { entry in
      #expect(applier.visit(&entry) == [])
      #expect(changer.changes.isEmpty)
      applier.leave(&entry)
    }
    withEntry("log/a", kind: .regular, selection: .inside(pattern: 0), mode: 0o644) { entry in
      _ = applier.visit(&entry)
      #expect((try? entry.status())?.permissions == 0o664)
    }
    #expect(changer.changes == ["log 755->775", "log/a 644->664"])
    #expect(
      recorder.report.counts.directoriesChanged == 1 && recorder.report.counts.filesChanged == 1)
    #expect(recorder.changesSoFar.value == 2)
  }

  @Test func aPrivilegedRunGrantsNothingFoundThroughADirectoryAnyoneCouldRenameIn() {
    let changer = FakeChanger(privileged: true)
    let (applier, recorder) = testApplier(changer, buildUser: 0)
    withEntry(
      "cache.db", kind: .regular, selection: .root(pattern: 0), mode: 0o666, owner: 0,
      throughOpenDirectory: true
    ) {
      _ = applier.visit(&$0)
    }
    #expect(changer.changes == ["cache.db 666->664"])
    #expect(recorder.report.changes.reachedThroughOpenDirectory.paths == ["cache.db"])
    #expect(recorder.report.counts.filesChanged == 0)
    let unprivileged = FakeChanger()
    let (trusting, _) = testApplier(unprivileged)
    withEntry(
      "cache.db", kind: .regular, selection: .root(pattern: 0), mode: 0o644,
      throughOpenDirectory: true
    ) {
      _ = trusting.visit(&$0)
    }
    #expect(unprivileged.changes == ["cache.db 644->664"])
  }

  @Test func aChangerThatRefusesFailsTheEntryWithItsCause() {
    let (applier, recorder) = testApplier(FakeChanger(failing: .refused(.readOnlyFileSystem)))
    withEntry("log/a", kind: .regular, selection: .root(pattern: 0), mode: 0o644) {
      _ = applier.visit(&$0)
    }
    #expect(
      recorder.report.failures.elements
        == [
          EntryFailure(
            path: "log/a", cause: .cannotChangeMode(errno: 30, owner: 1001, buildUser: 1001))
        ])
    #expect(recorder.report.counts.filesChanged == 0)
  }

  @Test func anEntryReplacedUnderItIsSkippedNotChanged() {
    let (applier, recorder) = testApplier(FakeChanger(failing: .replaced))
    withEntry("log/a", kind: .regular, selection: .root(pattern: 0), mode: 0o644) {
      _ = applier.visit(&$0)
    }
    #expect(recorder.report.changes.changedDuringWalk.paths == ["log/a"])
    #expect(recorder.report.failures.isEmpty)
  }

  @Test func anotherUsersEntryThatHasWhatTheSelectionNeedsIsLeftToThePlatform() {
    let changer = FakeChanger()
    let (applier, recorder) = testApplier(changer)
    withEntry("", kind: .directory, selection: .root(pattern: nil), mode: 0o2777, owner: 0) {
      applier.leave(&$0)
    }
    #expect(changer.changes.isEmpty)
    #expect(recorder.report.failures.isEmpty)
    #expect(
      recorder.report.changes.keptByPlatform.elements == [
        ModeChange(path: "./", from: 0o2777, to: 0o2775)
      ])
    #expect(recorder.report.changes.keptByPlatformOwners == [0])
  }

  @Test func anotherUsersEntryThatLacksWhatTheSelectionNeedsFails() {
    let (applier, recorder) = testApplier(FakeChanger())
    withEntry("log", kind: .directory, selection: .root(pattern: 0), mode: 0o755, owner: 1000) {
      applier.leave(&$0)
    }
    #expect(
      recorder.report.failures.elements == [
        EntryFailure(path: "log/", cause: .notOwned(owner: 1000, buildUser: 1001))
      ])
  }

  @Test func aDatabaseDirectoryTheBuildUserCannotChangeIsAWarningNotAFailure() {
    let (applier, recorder) = testApplier(FakeChanger())
    withEntry(
      "", kind: .directory, selection: .unselected, mode: 0o755, owner: 0, marks: .holdsDatabase
    ) {
      applier.leave(&$0)
    }
    #expect(recorder.report.failures.isEmpty)
    #expect(recorder.report.changes.closedDatabaseDirectories.paths == ["./"])
  }

  @Test func notesSelectedFilesInDirectoriesThatStayClosedAndGroupWriteOutsideTheSelection() {
    let (applier, recorder) = testApplier(FakeChanger())
    withEntry(
      "db", kind: .directory, selection: .unselected, mode: 0o755, marks: .holdsSelectedFile
    ) { applier.leave(&$0) }
    withEntry("lib", kind: .directory, selection: .unselected, mode: 0o775) { applier.leave(&$0) }
    #expect(recorder.report.changes.closedDirectories.paths == ["db/"])
    #expect(recorder.report.changes.groupWritableOutside.paths == ["lib/"])
  }
}

@Suite struct DatabaseDetectorTests {
  static let header = Array("SQLite format 3\0".utf8)

  @Test(
    arguments: [
      (header, 4096, EntrySelection.root(pattern: 0), DirectoryMarks.holdsDatabase),
      (header, 1000, .root(pattern: 0), .holdsSelectedFile),
      (header, 0, .root(pattern: 0), .holdsSelectedFile),
      (Array("not a database!!".utf8), 4096, .root(pattern: 0), .holdsSelectedFile),
      (header, 4096, .inside(pattern: 0), []),
      (header, 4096, .unselected, []),
    ] as [([UInt8], Int, EntrySelection, DirectoryMarks)])
  func marksTheParentOfSelectedFiles(
    header: [UInt8], size: Int, selection: EntrySelection, marks: DirectoryMarks
  ) {
    let detector = DatabaseDetector(reader: FakeHeaders(header: header), recognisesDatabases: true)
    let result = withEntry(
      "db/x.sqlite3", kind: .regular, selection: selection, mode: 0o644, size: size
    ) {
      detector.visit(&$0)
    }
    #expect(result == marks)
  }

  @Test func recognisesNoDatabaseWhenSwitchedOff() {
    let detector = DatabaseDetector(
      reader: FakeHeaders(header: Self.header), recognisesDatabases: false)
    let result = withEntry(
      "db/x.sqlite3", kind: .regular, selection: .root(pattern: 0), mode: 0o644, size: 4096
    ) {
      detector.visit(&$0)
    }
    #expect(result == .holdsSelectedFile)
  }
}

@Suite struct AuditInspectorTests {
  @Test func findsSetIDExecutablesWorldWritableForeignAndUnreadEntries() {
    let inspector = AuditInspector(userID: 1001, reader: FakeChanger())
    withEntry("bin/tool", kind: .regular, selection: .unselected, mode: 0o4755) {
      _ = inspector.visit(&$0)
    }
    withEntry("bin/notexec", kind: .regular, selection: .unselected, mode: 0o4644) {
      _ = inspector.visit(&$0)
    }
    withEntry("shared", kind: .regular, selection: .unselected, mode: 0o666, owner: 0) {
      _ = inspector.visit(&$0)
    }
    withEntry("drop", kind: .directory, selection: .unselected, mode: 0o1777) {
      inspector.leave(&$0)
    }
    let path = Array("secret".utf8)
    path.withUnsafeBufferPointer {
      inspector.walkNoticed(.unreadable(.permissionDenied), at: $0, kind: .directory, needed: false)
    }
    let findings = inspector.findings
    #expect(findings.inspected == 4)
    #expect(findings.setIDExecutables.paths == ["bin/tool"])
    #expect(findings.worldWritable.paths == ["drop/", "shared"])
    #expect(findings.foreignOwned.paths == ["shared"] && findings.foreignOwners == [0])
    #expect(findings.unread.paths == ["secret/"])
    #expect(!findings.isComplete)
  }
}
