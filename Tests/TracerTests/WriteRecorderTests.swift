import Core
import FileSystem
import Patterns
import Testing

@testable import Tracer

/// What the tracer keeps of each write: the path relative to the app directory, the errno, the count, the cap.
@Suite struct WriteRecorderTests {
  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  static func path(_ text: String) throws -> RelativePath { try RelativePath(text) }

  static func pending(_ path: String, _ action: WriteAction = .create, call: String = "openat")
    -> PendingWrite
  {
    PendingWrite(path: bytes(path), action: action, call: call)
  }

  /// The records as `call action path error ×count` lines.
  static func lines(_ recorder: WriteRecorder) -> [String] {
    recorder.records.map { record in
      let write = record.write
      return
        "\(record.call) \(write.action.rawValue) \(write.path.isAppDirectory ? "." : write.path.description)"
        + (write.error.map { " \($0.name)" } ?? "") + " ×\(record.count)"
    }
  }

  @Test(
    arguments: [
      ("/app", "/app", "."),
      ("/app", "/app/x", "x"),
      ("/app", "/app/tmp/pids/server.pid", "tmp/pids/server.pid"),
      ("/app", "/app2", nil),
      ("/app", "/app2/x", nil),
      ("/app", "/ap", nil),
      ("/app", "/", nil),
      ("/app", "/tmp/x", nil),
      ("/app", "/appx/y", nil),
      ("/srv/app", "/srv/app/log/a.log", "log/a.log"),
      ("/srv/app", "/srv/application/log", nil),
      ("/srv/app", "/srv", nil),
      ("/", "/", "."),
      ("/", "/x", "x"),
      ("/", "/tmp/x", "tmp/x"),
    ] as [(String, String, String?)])
  func pathsAreRelativeToTheAppDirectory(app: String, path: String, expected: String?) throws {
    let recorder = WriteRecorder(appDirectory: Self.bytes(app))
    let relative = recorder.relative(Self.bytes(path))
    if let expected {
      #expect(
        relative == (expected == "." ? .appDirectory : try Self.path(expected)), "\(path) in \(app)"
      )
    } else {
      #expect(relative == nil, "\(path) in \(app)")
    }
  }

  @Test func namesThatAreNotUTF8AreKeptAsBytes() throws {
    let recorder = WriteRecorder(appDirectory: Self.bytes("/app"))
    let name: [UInt8] = [0x66, 0xff, 0x0a, 0x67]
    #expect(
      recorder.relative(Self.bytes("/app/d/") + name)
        == (try RelativePath(bytes: Self.bytes("d/") + name)))
  }

  @Test func repeatsAreCountedInTheOrderOfTheirFirstCall() {
    var recorder = WriteRecorder(appDirectory: Self.bytes("/app"))
    recorder.record(Self.pending("/app/log/b.log", .writeInPlace), result: 3)
    recorder.record(Self.pending("/app/tmp/a", .create), result: 4)
    recorder.record(Self.pending("/app/log/b.log", .writeInPlace), result: 5)
    recorder.record(Self.pending("/outside/x", .create), result: 3)
    recorder.record(Self.pending("/app/tmp", .makeDirectory, call: "mkdir"), result: -17)
    recorder.record(Self.pending("/app/log/b.log", .writeInPlace), result: -13)
    recorder.record(Self.pending("/app/log/b.log", .writeInPlace, call: "open"), result: 3)
    recorder.record(Self.pending("/app/log/b.log", .writeInPlace), result: 6)
    recorder.record(Self.pending("/app", .changeTimes, call: "utimensat"), result: 0)
    #expect(
      Self.lines(recorder) == [
        "openat writeInPlace log/b.log ×3", "openat create tmp/a ×1",
        "mkdir makeDirectory tmp EEXIST ×1",
        "openat writeInPlace log/b.log EACCES ×1", "open writeInPlace log/b.log ×1",
        "utimensat changeTimes . ×1",
      ])
    #expect(recorder.unrecorded == 0)
  }

  @Test(
    arguments: [
      (-13, Errno.permissionDenied), (-1, .notPermitted), (-2, .noSuchFileOrDirectory),
      (-30, .readOnlyFileSystem),
      (-17, .fileExists), (-4095, Errno(rawValue: 4095)), (0, nil), (3, nil), (1 << 40, nil),
      (-4096, nil),
      (Int.min, nil),
    ] as [(Int, Errno?)])
  func negativeResultsAreErrnos(result: Int, expected: Errno?) throws {
    var recorder = WriteRecorder(appDirectory: Self.bytes("/app"))
    recorder.record(Self.pending("/app/x"), result: result)
    let record = try #require(recorder.records.first)
    #expect(record.write.error == expected)
    #expect(record.write.path == (try Self.path("x")))
    #expect(record.write.action == .create)
    #expect(record.call == "openat")
    #expect(!record.write.isSQLiteDatabase)
  }

  @Test func writesOutsideTheAppDirectoryAreNeitherKeptNorCounted() {
    var recorder = WriteRecorder(appDirectory: Self.bytes("/app"), limit: 1)
    recorder.record(Self.pending("/app2/x"), result: 0)
    recorder.record(Self.pending("/tmp/x"), result: 0)
    recorder.record(Self.pending("/app/x"), result: 0)
    recorder.record(Self.pending("/etc/y"), result: 0)
    #expect(Self.lines(recorder) == ["openat create x ×1"])
    #expect(recorder.unrecorded == 0)
  }

  @Test func theCapKeepsTheFirstDistinctWritesAndCountsTheCallsLeftOut() {
    var recorder = WriteRecorder(appDirectory: Self.bytes("/app"), limit: 3)
    for name in ["a", "b", "c", "d", "e"] {
      recorder.record(Self.pending("/app/tmp/\(name)"), result: 3)
    }
    recorder.record(Self.pending("/app/tmp/b"), result: 3)
    #expect(
      Self.lines(recorder) == [
        "openat create tmp/a ×1", "openat create tmp/b ×2", "openat create tmp/c ×1",
      ])
    #expect(recorder.unrecorded == 2)
    // Each call of a write left out counts, repeats too; a kept write still counts its repeats.
    recorder.record(Self.pending("/app/tmp/d"), result: 3)
    recorder.record(Self.pending("/app/tmp/a"), result: 3)
    #expect(recorder.unrecorded == 3)
    #expect(recorder.records.map(\.count) == [2, 2, 1])
  }

  @Test func theDefaultCapIsTheTraceLimit() {
    #expect(WriteRecorder(appDirectory: Self.bytes("/app")).limit == TraceLimits.distinctWrites)
  }
}
