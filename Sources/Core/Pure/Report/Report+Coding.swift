/// The one encoding of the report: `report.toml`, `--json` and (a summary) the layer's `[metadata]` use these keys.
extension Report: Codable {
  enum CodingKeys: String, CodingKey {
    case version, sources, threads, created, made, ephemeral, roots, patterns, unmatched, counts,
      changes, failures, audit
    case warnings
    case groupID = "group-id"
    case wholeApp = "whole-app"
    case dryRun = "dry-run"
    case rootsTotal = "roots-total"
    case patternsTotal = "patterns-total"
    case rootWithoutGroupSearch = "root-without-group-search"
    case appDirectory = "app-directory"
    case rootPresets = "root-presets"
  }

  /// Encodes the report.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(version, forKey: .version)
    try container.encode(groupID, forKey: .groupID)
    try container.encode(sources, forKey: .sources)
    try container.encode(wholeApp, forKey: .wholeApp)
    try container.encode(dryRun, forKey: .dryRun)
    try container.encode(threads, forKey: .threads)
    try container.encode(created, forKey: .created)
    try container.encode(made, forKey: .made)
    try container.encode(ephemeral, forKey: .ephemeral)
    try container.encode(roots.paths, forKey: .roots)
    try container.encode(roots.total, forKey: .rootsTotal)
    if !rootPresets.isEmpty { try container.encode(rootPresets, forKey: .rootPresets) }
    try container.encode(patterns, forKey: .patterns)
    try container.encode(patternsTotal, forKey: .patternsTotal)
    try container.encode(unmatched, forKey: .unmatched)
    try container.encode(counts, forKey: .counts)
    try container.encode(changes, forKey: .changes)
    try container.encode(failures, forKey: .failures)
    try container.encodeIfPresent(rootWithoutGroupSearch, forKey: .rootWithoutGroupSearch)
    try container.encodeIfPresent(appDirectory, forKey: .appDirectory)
    try container.encodeIfPresent(audit, forKey: .audit)
    try container.encode(warnings, forKey: .warnings)
  }

  /// Decodes a report; only `roots` is required (older reports have fewer keys).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init()
    version = try container.decodeIfPresent(String.self, forKey: .version) ?? ""
    let rootPaths = try container.decode([String].self, forKey: .roots)
    let rootsTotal = try container.decodeIfPresent(Int.self, forKey: .rootsTotal) ?? rootPaths.count
    roots = SampledPaths(elements: rootPaths, total: rootsTotal, limit: ReportLimits.rootsInReport)
    rootPresets =
      try container.decodeIfPresent([String: [String]].self, forKey: .rootPresets) ?? [:]
    groupID = try container.decodeIfPresent(Int.self, forKey: .groupID) ?? 0
    sources = try container.decodeIfPresent([String].self, forKey: .sources) ?? []
    wholeApp = try container.decodeIfPresent(Bool.self, forKey: .wholeApp) ?? false
    dryRun = try container.decodeIfPresent(Bool.self, forKey: .dryRun) ?? false
    threads = try container.decodeIfPresent(Int.self, forKey: .threads) ?? 1
    created = (try? container.decodeIfPresent([CreatedDirectory].self, forKey: .created)) ?? []
    // Earlier reports kept a plain list here; it is only for the log, so one that does not read is left out.
    if let sample = try? container.decodeIfPresent(Sample<MadeDirectory>.self, forKey: .made) {
      made = sample
    }
    ephemeral = try container.decodeIfPresent([EphemeralLink].self, forKey: .ephemeral) ?? []
    patterns = try container.decodeIfPresent([PatternCount].self, forKey: .patterns) ?? []
    patternsTotal =
      try container.decodeIfPresent(Int.self, forKey: .patternsTotal) ?? patterns.count
    unmatched =
      try container.decodeIfPresent(Sample<PatternCount>.self, forKey: .unmatched) ?? unmatched
    counts = try container.decodeIfPresent(ReportCounts.self, forKey: .counts) ?? counts
    changes = try container.decodeIfPresent(ReportChanges.self, forKey: .changes) ?? changes
    failures =
      try container.decodeIfPresent(Sample<EntryFailure>.self, forKey: .failures) ?? failures
    rootWithoutGroupSearch = try container.decodeIfPresent(
      Int.self, forKey: .rootWithoutGroupSearch)
    appDirectory = try container.decodeIfPresent(AppDirectoryFacts.self, forKey: .appDirectory)
    audit = try container.decodeIfPresent(AuditFindings.self, forKey: .audit)
    warnings = try container.decodeIfPresent([ReportWarning].self, forKey: .warnings) ?? []
  }
}

/// A sample as `{ total = N, first = [...] }`.
extension Sample: Codable where Element: Codable {
  enum CodingKeys: String, CodingKey {
    case total, first
  }

  /// Encodes the total and the kept elements.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(total, forKey: .total)
    try container.encode(elements, forKey: .first)
  }

  /// Decodes a sample; the limit is the elements' count (a decoded sample is only read).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let elements = try container.decode([Element].self, forKey: .first)
    let total = try container.decode(Int.self, forKey: .total)
    self.init(elements: elements, total: total, limit: max(1, elements.count))
  }
}
