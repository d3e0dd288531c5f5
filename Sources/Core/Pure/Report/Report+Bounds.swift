extension Report {
  /// The report within its byte bounds, whatever the names' lengths: the roots kept are the first ones that fit
  /// in `ReportLimits.rootBytesInReport` (their total stays, so the log says how many were left out), a path
  /// in any other sample and a pattern are shortened to `ReportLimits.pathBytesInNotice` (those are for reading,
  /// not reading back), and the warnings kept are the first that fit in `ReportLimits.warningBytesInReport`.
  public func bounded() -> Report {
    var report = self
    var kept: [String] = []
    var bytes = 0
    for root in roots.paths {
      bytes += root.utf8.count
      if bytes > ReportLimits.rootBytesInReport { break }
      kept.append(root)
    }
    if kept.count < roots.paths.count {
      report.roots = SampledPaths(
        elements: kept, total: roots.total, limit: ReportLimits.rootsInReport)
      let keptSet = Set(kept)
      report.rootPresets = rootPresets.mapValues { $0.filter(keptSet.contains) }.filter {
        !$0.value.isEmpty
      }
    }
    for sample in ReportChanges.pathSamples {
      report.changes[keyPath: sample] = Self.shortened(changes[keyPath: sample])
    }
    for sample in ReportChanges.modeSamples {
      let sampled = changes[keyPath: sample]
      report.changes[keyPath: sample] = Sample(
        elements: sampled.elements.map {
          ModeChange(path: Self.shortened($0.path), from: $0.from, to: $0.to)
        },
        total: sampled.total, limit: sampled.limit)
    }
    report.failures = Sample(
      elements: failures.elements.map {
        EntryFailure(path: Self.shortened($0.path), cause: $0.cause)
      },
      total: failures.total, limit: failures.limit)
    report.made = Sample(
      elements: made.elements.map {
        MadeDirectory(path: Self.shortened($0.path), first: Self.shortened($0.first))
      },
      total: made.total, limit: made.limit)
    report.patterns = patterns.map(Self.shortened)
    report.unmatched = Sample(
      elements: unmatched.elements.map(Self.shortened), total: unmatched.total,
      limit: unmatched.limit)
    var warningBytes = 0
    report.warnings = Array(
      warnings.prefix { warning in
        warningBytes += warning.title.utf8.count + warning.message.utf8.count
        return warningBytes <= ReportLimits.warningBytesInReport
      })
    if var audit = report.audit {
      for sample in [\AuditFindings.setIDExecutables, \.worldWritable, \.foreignOwned, \.unread] {
        audit[keyPath: sample] = Self.shortened(audit[keyPath: sample])
      }
      report.audit = audit
    }
    return report
  }

  private static func shortened(_ count: PatternCount) -> PatternCount {
    var count = count
    count.pattern = shortened(count.pattern)
    count.source = shortened(count.source)
    return count
  }

  private static func shortened(_ sample: SampledPaths) -> SampledPaths {
    SampledPaths(elements: sample.paths.map(shortened), total: sample.total, limit: sample.limit)
  }

  /// `path` cut at `ReportLimits.pathBytesInNotice` bytes (at a character), with `…` and its length in bytes.
  static func shortened(_ path: String) -> String {
    guard path.utf8.count > ReportLimits.pathBytesInNotice else { return path }
    var result = ""
    for character in path {
      if result.utf8.count + character.utf8.count > ReportLimits.pathBytesInNotice { break }
      result.append(character)
    }
    return result + "…(\(CountText.number(path.utf8.count)) bytes)"
  }
}
