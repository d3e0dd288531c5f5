@testable import Core
import FileSystem
import Foundation
import Patterns
import TestSupport
import Testing

@Suite struct SelectionRunnerTests {
  /// Node-style packages with `.bin` symlinks (more than a report keeps), hard links and setuid files.
  func packagesTree() throws -> TemporaryTree {
    let tree = try TemporaryTree()
    try tree.directory("node_modules/.bin")
    for package in 0..<40 {
      try tree.file("node_modules/p\(package)/lib/index.js")
      try tree.file("node_modules/p\(package)/package.json", mode: 0o600)
      try tree.symlink("node_modules/.bin/p\(package)", to: "../p\(package)/lib/index.js")
    }
    try tree.file("node_modules/p1/setuid", mode: 0o4755)
    #expect(link(tree.path("node_modules/p2/package.json"), tree.path("node_modules/p3/shared.json")) == 0)
    try tree.file("app/main.js")
    return tree
  }

  func run(_ tree: TemporaryTree, threads: Int, events: SelectionEvents = SelectionEvents()) throws
    -> SelectionReport
  {
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    let request = SelectionRequest(
      patterns: PatternParser.parse(Array("node_modules/\n".utf8), source: "test"),
      mode: .apply(dryRun: false), threads: threads)
    return try SelectionRunner(request: request, app: app).run(events: events)
  }

  @Test(arguments: [2, 4])
  func aSharedWalkReportsWhatOneThreadReports(threads: Int) throws {
    let tree = try packagesTree()
    let before = tree.modes()
    let alone = try run(tree, threads: 1)
    let after = tree.modes()
    tree.restore(before)
    let shared = try run(tree, threads: threads)
    #expect(tree.modes() == after)
    #expect(alone.summary.threads == 1)
    #expect(shared.summary.threads == threads)
    var summary = shared.summary
    summary.threads = 1
    summary.elapsedSeconds = alone.summary.elapsedSeconds
    #expect(summary == alone.summary)
    #expect(shared.roots == alone.roots)
    #expect(shared.symbolicLinks == alone.symbolicLinks)
    #expect(shared.symbolicLinks.total == 40)
    #expect(shared.symbolicLinks.paths.first == "node_modules/.bin/p0")
    #expect(shared.hardLinkedFiles == alone.hardLinkedFiles)
    #expect(shared.setIDFiles == alone.setIDFiles)
    #expect(shared.setIDFiles.paths == ["node_modules/p1/setuid"])
  }

  @Test func perEntryCallbacksKeepTheWalkOnOneThreadInWalkOrder() throws {
    let tree = try packagesTree()
    var changed: [String] = []
    let events = SelectionEvents(changed: { path, _, _, _, _ in changed.append(path) })
    let report = try run(tree, threads: 4, events: events)
    #expect(report.summary.threads == 1)
    #expect(changed.count == report.summary.changed)
    #expect(changed.first == "node_modules/")
  }

  @Test func mergedCollectorsKeepTheFirstFailuresByPathAndCountThemAll() {
    let main = ReportCollector(events: SelectionEvents())
    let helper = ReportCollector(events: SelectionEvents())
    let failure = WalkFailure.notOwned(ownerID: 1, buildUserID: 2)
    for index in stride(from: 99, through: 0, by: -1) {
      let path = Array(String(format: "f%03d", index).utf8)
      let collector = index % 2 == 0 ? main : helper
      path.withUnsafeBufferPointer { collector.walkDidFail($0, kind: .regular, failure: failure) }
    }
    main.add(helper)
    let report = main.report
    #expect(report.failuresTotal == 100)
    #expect(report.failures.map(\.path) == (0..<SelectionReport.failureLimit).map { String(format: "f%03d", $0) })
  }
}
