#if canImport(Glibc)
import Glibc
#endif
import FileSystem
import Patterns

/// Runs the static checks over the whole app directory (every entry is `stat`-ed; nothing changes).
public struct Auditor {
  private let app: AppDirectory
  private let userID: uid_t

  /// An auditor for `app`, judging ownership against `userID` (the build user).
  public init(app: AppDirectory, userID: uid_t = geteuid()) {
    self.app = app
    self.userID = userID
  }

  /// Walks the app directory and returns the findings.
  public func run() -> AuditReport {
    let collector = AuditCollector(userID: userID)
    let walker = TreeWalker(
      patterns: PatternSet([]),
      options: WalkOptions(action: .inspect, wholeApp: true, buildUserID: userID),
      observer: collector)
    _ = walker.walk(root: app.descriptor)
    return collector.report
  }
}
