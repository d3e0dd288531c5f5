import FileSystem
import TOMLKit

/// Parses a TOML text in a child process, so that an abort inside toml++ cannot end this one.
///
/// The shipped executables fork (`IsolatedCall`): they parse TOML only while they have one thread, before
/// any walk starts, and a forked child is the one isolation that also works under qemu-user. A test runner
/// has many threads, so tests set `isolate` for their scope to one that spawns a helper executable instead.
public enum TOMLChildParser {
  /// Parses a text in a child process and says how the child ended: `.returned` whether it parsed or not,
  /// `.killed` if the parser aborted.
  public typealias Isolate = @Sendable (Substring) -> IsolatedCall.Outcome

  /// The isolation in use: `forked`, unless a scope (a test's) binds another.
  @TaskLocal public static var isolate: Isolate = forked

  /// Seconds a child may parse: far more than the largest allowed `project.toml` needs.
  public static let timeLimit: UInt32 = 30

  /// Parses `text` in a forked child.
  public static let forked: Isolate = { text in
    let document = String(text)
    return IsolatedCall.run(timeLimit: timeLimit) {
      (try? TOMLTable(string: document)) == nil ? 1 : 0
    }
  }
}
