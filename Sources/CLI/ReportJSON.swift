import Core

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `--json` form of a selection report.
struct ReportJSON: Encodable {
  struct Counts: Encodable {
    let scanned, selected, directoriesChanged, filesChanged, ancestorsChanged: Int
    let alreadyWritable, skipped, failed: Int
  }

  struct PatternCount: Encodable {
    let pattern, source: String
    let line: Int
    let negated: Bool
    let matches, selected: Int
  }

  struct Failure: Encodable {
    let path: String
  }

  let dryRun: Bool
  let wholeApp: Bool
  let created: [String]
  let roots: [String]
  let rootsTotal: Int
  let counts: Counts
  let patterns: [PatternCount]
  let warnings: [String]
  let failures: [Failure]
  let threads: Int

  init(_ report: SelectionReport, warnings: [Diagnostic], dryRun: Bool) {
    let summary = report.summary
    self.dryRun = dryRun
    wholeApp = report.wholeApp
    created = report.created
    roots = report.roots.paths
    rootsTotal = report.roots.total
    counts = Counts(
      scanned: summary.scanned, selected: summary.selected,
      directoriesChanged: summary.directoriesChanged, filesChanged: summary.filesChanged,
      ancestorsChanged: summary.ancestorsChanged, alreadyWritable: summary.alreadyWritable,
      skipped: summary.skipped, failed: summary.failed)
    patterns = report.patterns.map {
      PatternCount(
        pattern: DiagnosticText.escaped(bytes: $0.pattern.bytes), source: $0.pattern.origin.source,
        line: $0.pattern.origin.line, negated: $0.pattern.isNegated, matches: $0.matches,
        selected: $0.selected)
    }
    self.warnings = warnings.map(\.title)
    failures = report.failures.map { Failure(path: $0.path) }
    threads = summary.threads
  }

  /// The value as sorted-key JSON text.
  static func text<Value: Encodable>(_ value: Value) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }
}
