import Patterns
import Testing

@testable import Core

/// `report.toml` stays within `ReportLimits.reportBytes` when every list is full of the longest names that
/// escape worst, whatever the tree: the bound the start-up check and `doctor` rely on to read it.
@Suite struct ReportSizeTests {
  /// A display path of `count` raw bytes that each escape to four characters (and a backslash in TOML).
  static func worst(_ count: Int, tag: Int = 0) -> String {
    DisplayPath.relative(
      Array("\(1_000_000 + tag)/".utf8) + [UInt8](repeating: 0x01, count: count), isDirectory: false
    )
  }

  static let fullest = makeFullest()

  static func makeFullest() -> Report {
    var report = Report()
    report.version = "1.0.0"
    report.sources = (0..<20).map { _ in worst(4_096) }
    for index in 0..<ReportLimits.rootsInReport { report.roots.add(worst(1_100, tag: index)) }
    report.rootPresets = ["wordpress": report.roots.paths]
    let entries = ConfigurationLimits.directoryListBytes / ConfigurationLimits.patternBytes
    report.created = (0..<entries).map {
      CreatedDirectory(path: worst(4_088, tag: $0), mode: 0o775)
    }
    report.ephemeral = (0..<entries).map {
      EphemeralLink(
        path: worst(4_088, tag: $0), target: "/" + worst(4_288, tag: $0),
        seed: worst(4_200, tag: $0), mode: 0o775)
    }
    for index in 0..<ReportLimits.pathsPerNotice {
      report.made.add(
        MadeDirectory(path: worst(4_088, tag: index), first: worst(4_088, tag: index)))
    }
    let long = PatternParser.parseLine(
      Array("/".utf8) + [UInt8](repeating: 0x01, count: 4_095),
      origin: PatternOrigin(source: worst(4_096), line: 1))
    if let long {
      report.patterns = (0..<ReportLimits.patternsInReport).map {
        PatternCount(index: $0, pattern: long, matches: 0, selected: 0)
      }
      for index in 0..<ReportLimits.pathsPerNotice {
        report.unmatched.add(PatternCount(index: index, pattern: long, matches: 0, selected: 0))
      }
    }
    for index in 0..<ReportLimits.pathsPerNotice {
      for sample in ReportChanges.pathSamples {
        report.changes[keyPath: sample].add(worst(300, tag: index))
      }
      for sample in ReportChanges.modeSamples {
        report.changes[keyPath: sample].add(
          ModeChange(path: worst(300, tag: index), from: 0o777, to: 0o775))
      }
    }
    for index in 0..<ReportLimits.failuresKept {
      report.failures.add(
        EntryFailure(path: worst(300, tag: index), cause: .cannotReadStatus(errno: 13)))
    }
    var audit = AuditFindings(userID: 1001)
    for index in 0..<ReportLimits.pathsPerNotice {
      for sample in [\AuditFindings.setIDExecutables, \.worldWritable, \.foreignOwned, \.unread] {
        audit[keyPath: sample].add(worst(300, tag: index))
      }
    }
    report.audit = audit
    report.warnings = (0..<20).map { _ in ReportWarning(title: "t", message: worst(5_000)) }
    return report
  }

  @Test func theFullestReportStaysWithinTheDocumentedBound() {
    let report = Self.fullest
    let unbounded = ReportText.toml(report).utf8.count
    let bounded = ReportText.toml(report.bounded()).utf8.count
    #expect(
      unbounded > ReportLimits.reportBytes,
      "the case fills the report beyond the bound before bounding")
    #expect(bounded <= ReportLimits.reportBytes)
    #expect(ReportLimits.reportBytes <= ReportFileLimits.reportSize)
    #expect(
      report.bounded().created == report.created,
      "the start-up check needs every `create` directory")
    #expect(report.bounded().ephemeral == report.ephemeral, "and every `ephemeral` link")
  }

  @Test func theRootsShareIsCutAtItsBytesKeepingTheirTotal() {
    let bounded = Self.fullest.bounded()
    #expect(bounded.roots.paths.reduce(0) { $0 + $1.utf8.count } <= ReportLimits.rootBytesInReport)
    #expect(bounded.roots.paths.count < ReportLimits.rootsInReport)
    #expect(bounded.roots.total == ReportLimits.rootsInReport)
    #expect(
      bounded.rootPresets == ["wordpress": bounded.roots.paths],
      "a preset's roots are cut with them")
  }
}
