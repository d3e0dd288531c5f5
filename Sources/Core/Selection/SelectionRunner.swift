#if canImport(Glibc)
import Glibc
#endif
import FileSystem
import Patterns

/// Why a selection run could not start.
public enum SelectionError: Error, Equatable, Sendable {
  /// A `create` directory could not be made.
  case cannotCreateDirectory(DirectoryCreationError)
}

/// Runs a selection over the app directory: creates `create` directories, walks, and reports.
public struct SelectionRunner {
  private let request: SelectionRequest
  private let app: AppDirectory

  /// Creates a runner for `request` over the open app directory `app`.
  public init(request: SelectionRequest, app: AppDirectory) {
    self.request = request
    self.app = app
  }

  /// Runs it; entry-level problems are in the report, only a failed `create` throws.
  public func run(events: SelectionEvents = SelectionEvents()) throws(SelectionError)
    -> SelectionReport
  {
    var created: [String] = []
    var patterns = request.patterns
    for (index, directory) in request.create.enumerated() {
      if case .apply(dryRun: false) = request.mode {
        do {
          created += try app.createDirectories(directory)
        } catch {
          throw .cannotCreateDirectory(error)
        }
      }
      if let pattern = CreatePattern.pattern(for: directory, index: index) {
        patterns.append(pattern)
      }
    }
    let set = PatternSet(patterns)
    let action: WalkAction
    switch request.mode {
    case .list: action = .list
    case .apply(let dryRun):
      let changer: any PermissionChanging =
        dryRun ? DryRunPermissionChanger() : SystemPermissionChanger()
      action = .apply(changer, request.rule)
    }
    let collector = ReportCollector(events: events)
    // Per-entry callbacks (`list`, DEBUG's listing) must see entries in walk order, from one thread.
    let perEntry = events.selected != nil || events.changed != nil
    let helpers = (0..<(perEntry ? 0 : max(0, request.threads - 1))).map { _ in
      ReportCollector(events: events)
    }
    let walker = TreeWalker(
      patterns: set, options: WalkOptions(action: action, wholeApp: request.wholeApp),
      observer: collector, helperObservers: helpers)
    let summary = walker.walk(root: app.descriptor)
    for helper in helpers { collector.add(helper) }
    var report = collector.report
    report.summary = summary
    report.wholeApp = request.wholeApp
    report.created = created
    report.patterns = patterns.indices.map { index in
      SelectionReport.PatternCount(
        pattern: patterns[index], matches: summary.matchesPerPattern[index],
        selected: summary.selectedPerPattern[index])
    }
    return report
  }
}
