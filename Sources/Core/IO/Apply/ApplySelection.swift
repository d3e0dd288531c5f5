import FileSystem
import Patterns

#if canImport(Glibc)
  import Glibc
#endif

/// What a run does with the selection.
public enum ApplyMode: Sendable, Equatable {
  /// Change modes (a build, `apply`).
  case apply
  /// Decide and report every change, make none (`apply --dry-run`).
  case dryRun
  /// Only find the selected entries (`list`, `doctor` without a report): nothing is inspected or changed.
  case list
  /// Inspect every entry for the audit (`audit`): nothing is selected or changed.
  case audit
}

/// Why a run could not start.
public enum ApplyError: Error, Equatable, Sendable {
  /// A `create` directory could not be made; `hint` names the platform step that made its parent another user's.
  case cannotCreateDirectory(DirectoryCreationError, hint: PlatformHint? = nil)
  /// An `ephemeral` directory could not be turned into a link.
  case cannotLinkEphemeral(path: RelativePath, LinkError)
  /// An `ephemeral` directory holds more than its seed may (it is copied at every start).
  case ephemeralTooLarge(path: RelativePath, limit: Int)
  /// An `ephemeral` directory's files hold `bytes` bytes, more than `limit`.
  case ephemeralTooManyBytes(path: RelativePath, bytes: Int, limit: Int)
}

/// The effects a run has, each behind a small protocol so tests pass fakes.
public struct ApplyEffects {
  /// The app directory.
  public var tree: any AppTree
  /// Changes permission bits.
  public var changer: any PermissionChanging
  /// Reads file headers (SQLite databases).
  public var headers: any FileHeaderReading
  /// Time, for progress.
  public var clock: any Clock
  /// Progress and per-entry events.
  public var output: (any ApplyOutput)?

  /// The effects; `changer` defaults to the real one for `.apply` (pass `DryRunPermissionChanger` otherwise).
  public init(
    tree: any AppTree, changer: any PermissionChanging,
    headers: any FileHeaderReading = SystemFileHeaderReader(),
    clock: any Clock = MonotonicClock(), output: (any ApplyOutput)? = nil
  ) {
    self.tree = tree
    self.changer = changer
    self.headers = headers
    self.clock = clock
    self.output = output
  }
}

/// The one apply pipeline, for the build and the command line: creates the `create` directories, walks the app
/// directory once with the handlers the configuration needs, and returns the report.
public struct ApplySelection {
  /// The mode `create` directories are made with, before the selection gives the group the owner's bits: never
  /// dependent on the umask, never world-writable.
  public static let createdDirectoryMode: mode_t = 0o755

  private let configuration: Configuration
  private let mode: ApplyMode
  private let threads: Int
  private let effects: ApplyEffects
  private let buildUserID: uid_t

  /// A run of `configuration` in `mode` on up to `threads` threads, as `buildUserID` (entries it does not own
  /// cannot be changed, unless it is root).
  public init(
    configuration: Configuration, mode: ApplyMode, threads: Int, effects: ApplyEffects,
    buildUserID: uid_t = geteuid()
  ) {
    self.configuration = configuration
    self.mode = mode
    self.threads = threads
    self.effects = effects
    self.buildUserID = buildUserID
  }

  /// Runs it; entry-level problems are in the report, only a `create` directory that cannot be made throws.
  public func run() throws(ApplyError) -> Report {
    var report = Report()
    var made: [MadeDirectory] = []
    if mode == .apply {
      for path in configuration.create {
        do {
          if let first = try effects.tree.createDirectories(path, mode: Self.createdDirectoryMode) {
            made.append(
              MadeDirectory(
                path: DisplayPath.relative(path.bytes, isDirectory: false),
                first: DisplayPath.relative(first.bytes, isDirectory: false)))
            report.made.add(made[made.count - 1])
          }
        } catch {
          throw .cannotCreateDirectory(
            error, hint: PlatformHint(creationFailure: error, buildUser: Int(buildUserID)))
        }
      }
    }
    if mode == .apply && !configuration.ephemeral.isEmpty {
      report.ephemeral = try EphemeralLinker(tree: effects.tree, base: configuration.ephemeralBase)
        .link(configuration.ephemeral)
    }
    let patterns = configuration.walkPatterns
    let counter = ChangeCounter()
    let perEntry = effects.output.map { $0.wantsEveryChange || $0.wantsEverySelection } ?? false
    let walkers = (0..<(perEntry ? 1 : max(1, threads))).map { _ in
      ThreadHandlers(self, counter: counter)
    }
    let summary = effects.tree.walk(
      patterns: PatternSet(patterns),
      options: WalkOptions(
        selectsEverything: configuration.wholeApp, visitsEveryEntry: visitsEveryEntry,
        clock: effects.clock),
      handler: walkers[0].chain, helpers: walkers.dropFirst().map(\.chain))
    for walker in walkers.dropFirst() { walkers[0].add(walker) }
    report = walkers[0].merged(into: report)
    fill(&report, summary: summary, patterns: patterns, made: made)
    if mode == .apply {
      let directories = report.changes.databaseDirectories.elements.map(\.path)
      for path in DatabaseCompanions.closed(in: directories, tree: effects.tree) {
        report.changes.closedDatabaseCompanions.add(path)
      }
    }
    return report.bounded()
  }

  /// Whether handlers must see unselected entries: to change them, or to audit them.
  private var visitsEveryEntry: Bool {
    switch mode {
    case .list: return false
    case .audit: return true
    case .apply, .dryRun:
      return configuration.policy.changesUnselectedEntries || configuration.audit
    }
  }

  /// The roots (display paths) this run made: each one a directory on the way to a made `create` directory, at
  /// or below the first directory made for it. Compared as display text (escaping keeps `/` and works name by
  /// name), so only the roots that match are parsed: a root's path can be thousands of names long.
  static func madeRoots(_ roots: [String], made: [MadeDirectory]) -> [RelativePath] {
    guard !made.isEmpty else { return [] }
    let chains = made.map { (shown: $0.path + "/", firstDepth: names(in: $0.first + "/")) }
    return roots.compactMap { root -> RelativePath? in
      guard root.hasSuffix("/") else { return nil }
      let depth = names(in: root)
      guard
        chains.contains(where: { $0.shown.utf8.starts(with: root.utf8) && depth >= $0.firstDepth })
      else {
        return nil
      }
      return DisplayPath.path(of: root)
    }
  }

  /// How many names a directory's display path (ending in `/`) has.
  private static func names(in display: String) -> Int {
    display.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
  }

  /// The walk's counts, the patterns' counts and the `create` directories' modes; `made` are the `create`
  /// directories this run made.
  private func fill(
    _ report: inout Report, summary: WalkSummary, patterns: [Pattern], made: [MadeDirectory]
  ) {
    report.wholeApp = configuration.wholeApp
    report.dryRun = mode == .dryRun
    report.threads = summary.threads
    report.elapsedSeconds = summary.elapsedSeconds
    report.sources = configuration.sources.map(\.logText)
    report.counts.scanned = summary.scanned
    report.counts.selected = summary.selected
    report.counts.directoriesPruned = summary.directoriesPruned
    report.counts.directoriesUnread = summary.directoriesUnread
    report.counts.failed = report.failures.total
    report.patternsTotal = patterns.count
    for index in patterns.indices {
      let count = PatternCount(
        index: index, pattern: patterns[index], matches: summary.matchesPerPattern[index],
        selected: summary.selectedPerPattern[index])
      if index < ReportLimits.patternsInReport { report.patterns.append(count) }
      if count.isUnmatched { report.unmatched.add(count) }
    }
    // What the start-up check makes again when a fresh mount hides it: the `create` directories (after their
    // parents, whose modes it gives them back too), and the directories this run made that are writable roots.
    let madeRoots = Self.madeRoots(report.roots.paths, made: made)
    let withParents = configuration.create.flatMap { path in
      (1...max(1, path.components.count)).map { path.prefix($0) }
    }
    report.rootPresets = PresetRoots.attribute(report.roots.paths, patterns: patterns)
    var recorded: Set<RelativePath> = []
    let unique = (withParents + madeRoots).filter { recorded.insert($0).inserted }
    for path in unique.prefix(ReportLimits.createdInReport) {
      guard let status = effects.tree.status(of: path), status.kind == .directory else { continue }
      report.created.append(
        CreatedDirectory(
          path: DisplayPath.relative(path.bytes, isDirectory: false), mode: Int(status.permissions))
      )
    }
  }

  /// One walking thread's handlers, in the order they see each entry.
  fileprivate final class ThreadHandlers {
    let recorder: RunRecorder
    let inspector: AuditInspector?
    let chain: HandlerChain

    init(_ run: ApplySelection, counter: ChangeCounter) {
      recorder = RunRecorder(changesSoFar: counter)
      let configuration = run.configuration
      var handlers: [any WalkHandler] = [
        SelectionRecorder(recorder: recorder, output: run.effects.output)
      ]
      if run.mode == .apply || run.mode == .dryRun {
        handlers.append(
          DatabaseDetector(
            reader: run.effects.headers,
            recognisesDatabases: configuration.policy.opensDatabaseDirectories))
        handlers.append(
          PermissionApplier(
            policy: configuration.policy, changer: run.effects.changer, recorder: recorder,
            buildUserID: run.buildUserID, output: run.effects.output))
      }
      let audits = run.mode == .audit || (run.mode != .list && configuration.audit)
      inspector =
        audits ? AuditInspector(userID: Int(run.buildUserID), reader: run.effects.changer) : nil
      if let inspector { handlers.append(inspector) }
      chain = HandlerChain(handlers)
    }

    /// Adds a helper thread's share.
    func add(_ other: ThreadHandlers) {
      recorder.add(other.recorder)
      if let theirs = other.inspector?.findings { extraFindings.append(theirs) }
    }

    private var extraFindings: [AuditFindings] = []

    /// `report` with this thread's (and the added threads') records.
    func merged(into report: Report) -> Report {
      var merged = recorder.report
      merged.made = report.made
      merged.ephemeral = report.ephemeral
      if var findings = inspector?.findings {
        for other in extraFindings { findings.add(other) }
        merged.audit = findings
      }
      return merged
    }
  }
}
