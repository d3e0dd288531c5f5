import FileSystem
import Patterns

extension AppDirectory: AppEntryProbing {
  /// The kind of the entry at `path` itself, by `statx` relative to the app directory's descriptor, never through
  /// a link and never opening it (a FIFO is only looked at); nil when there is none.
  public func kind(of path: RelativePath) -> FileKind? {
    status(of: path)?.kind
  }
}
