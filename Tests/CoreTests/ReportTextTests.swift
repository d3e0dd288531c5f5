import ChildProcessSupport
import Core
import FileSystem
import Foundation
import Patterns
import TOMLKit
import Testing

@Suite(.spawnedTOMLParser) struct ReportTextTests {
  func report(roots count: Int) -> Report {
    var report = Report()
    report.version = "1.0.0"
    report.groupID = 1000
    // Roots are kept in path order: numbered from 100 so that is also the order they are added in.
    for index in 0..<count { report.roots.add("dir\(100 + index)/") }
    return report
  }

  func full() -> Report {
    var report = report(roots: 3)
    report.sources = ["`project.toml` table `[utility.group-writable]`"]
    report.created = [CreatedDirectory(path: "tmp/pids", mode: 0o775)]
    report.made.add(MadeDirectory(path: "tmp/pids", first: "tmp/pids"))
    let pattern = PatternParser.parseLine(
      Array("/tmp/".utf8), origin: PatternOrigin(source: "project.toml paths", line: 1))
    if let pattern {
      report.patterns = [PatternCount(index: 0, pattern: pattern, matches: 1, selected: 4)]
    }
    report.patternsTotal = 1
    report.counts.scanned = 12
    report.counts.filesChanged = 3
    report.counts.worldWriteRemoved = 1
    report.changes.worldWriteRemoved.add(ModeChange(path: "./", from: 0o777, to: 0o755))
    report.changes.keptByPlatformOwners = [0]
    report.appDirectory = AppDirectoryFacts(
      owner: 1001, group: 1000, modeBefore: 0o777, modeAfter: 0o755)
    report.failures.add(EntryFailure(path: "x", cause: .notOwned(owner: 0, buildUser: 1001)))
    var audit = AuditFindings(userID: 1001)
    audit.setIDExecutables.add("bin/tool")
    report.audit = audit
    report.warnings = [ReportWarning(title: "t", message: "! t\n")]
    return report
  }

  @Test func theReportRoundTripsThroughTOMLAndJSON() throws {
    let report = full()
    #expect(try ReportText.report(fromTOML: ReportText.toml(report)) == report)
    let decoded = try JSONDecoder().decode(Report.self, from: Data(ReportText.json(report).utf8))
    #expect(decoded == report)
  }

  @Test func keepsTheKeysEarlierImagesAndScriptsRead() throws {
    let table = try TOMLTable(string: ReportText.toml(full()))
    #expect(table["roots"]?.array?.count == 3)
    #expect(table["roots-total"]?.int == 3)
    #expect(table["group-id"]?.int == 1000)
    #expect(table["counts"]?["files-changed"]?.int == 3)
    #expect(table["patterns"]?[0]?["pattern"]?.string == "/tmp/")
    #expect(table["patterns"]?[0]?["source"]?.string == "project.toml paths")
    #expect(table["changes"]?["world-write-removed"]?["first"]?[0]?["to"]?.int == 0o755)
  }

  @Test func oddNamesRoundTripExactly() throws {
    let names: [[UInt8]] = [
      Array("new\nline\"q".utf8) + [0xFF], Array(#"bad\xFF"#.utf8), [0x62, 0x61, 0x64, 0xFF],
      [0x01, 0x7F],
      Array("\u{202E}txt".utf8), Array("tab\there".utf8), Array(#"back\slash"#.utf8),
      Array("é".utf8),
    ]
    var report = Report()
    for name in names { report.roots.add(DisplayPath.relative(name, isDirectory: true)) }
    let decoded = try ReportText.report(fromTOML: ReportText.toml(report))
    #expect(Set(decoded.roots.paths.compactMap { DisplayPath.path(of: $0)?.bytes }) == Set(names))
    #expect(Set(decoded.roots.paths).count == names.count)
  }

  @Test func theLabelAndTheMetadataAreCappedAndSaySo() throws {
    let big = report(roots: 250)
    #expect(ReportText.labelJSON(big).hasSuffix(#""dir299/","…+50 more (see report.toml)"]"#))
    #expect(ReportText.labelJSON(report(roots: 2)) == #"["dir100/","dir101/"]"#)
    #expect(ReportText.labelJSON(report(roots: 0)) == "[]")
    let metadata = try ReportText.layerMetadata(fromTOML: ReportText.layerTOML(big))
    #expect(metadata.roots.count == ReportLimits.rootsInImage)
    #expect(metadata.rootsTotal == 250 && metadata.isCapped)
    #expect(metadata.version == "1.0.0")
  }

  @Test func readsAnOlderImagesFlatMetadata() throws {
    let metadata = try ReportText.layerMetadata(
      fromTOML:
        "[types]\nlaunch = true\n[metadata]\nroots = [\"log/\"]\nroots-total = 1\nfiles-changed = 3\n"
    )
    #expect(metadata.roots == ["log/"] && !metadata.isCapped)
  }

  /// The `changes` and `audit` keys 0.3.0 added: a `report.toml` written by 0.2.0 has none of them.
  static let keysSince020 = [
    "changes.acl-entries", "changes.acl-write-kept", "changes.acl-write-removed",
    "changes.attributes-unread",
    "changes.capability-files", "changes.closed-database-companions",
    "changes.default-acl-directories",
    "changes.other-file-systems", "changes.protected-write-removed",
    "changes.reached-through-open-directory",
    "audit.acl-writable", "audit.default-acl-directories", "audit.other-file-systems",
    "audit.unread-attributes",
    "audit.writable-capability-files",
  ]

  @Test func readsA020ReportWithoutTheKeysAddedSince() throws {
    var report = full()
    report.changes.aclEntries.add("x")
    report.audit?.aclWritable.add("y")
    var lines: [Substring] = []
    var dropping = false
    for line in ReportText.toml(report).split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("[") { dropping = Self.keysSince020.contains { line == "[\($0)]" } }
      if !dropping { lines.append(line) }
    }
    let old = lines.joined(separator: "\n")
    #expect(!old.contains("acl-entries") && !old.contains("acl-writable"))
    let decoded = try ReportText.report(fromTOML: old)
    #expect(decoded.changes.aclEntries.isEmpty && decoded.audit?.aclWritable.isEmpty == true)
    #expect(decoded.changes.worldWriteRemoved == report.changes.worldWriteRemoved)
    #expect(decoded.audit?.setIDExecutables == report.audit?.setIDExecutables)
    #expect(decoded.audit?.userID == 1001)
  }

  @Test func launchTOMLHoldsTheLabel() throws {
    let table = try TOMLTable(string: ReportText.launchTOML(report(roots: 1)))
    #expect(table["labels"]?[0]?["key"]?.string == "utility.group-writable.paths")
    #expect(table["labels"]?[0]?["value"]?.string == #"["dir100/"]"#)
  }

  @Test func saysWhatIsNotAReport() {
    #expect(throws: ReportText.ReadError.self) { try ReportText.report(fromTOML: "version = 1\n") }
    #expect(throws: ReportText.ReadError.self) { try ReportText.report(fromTOML: "[[") }
  }
}
