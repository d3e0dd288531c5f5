import FileSystem
import Patterns

/// Looks at entries of the app directory without opening them: framework detection's and the preset link check's
/// only I/O (`AppDirectory` answers with `fstatat` on the app directory's descriptor, never following a link).
public protocol AppEntryProbing {
  /// The kind of the entry at `path` itself (a symbolic link is `.symbolicLink`), nil when there is none or it
  /// cannot be looked at.
  func kind(of path: RelativePath) -> FileKind?
}

extension AppEntryProbing {
  /// The first component of `path`, from the app root down, that is a symbolic link (`path` itself included);
  /// nil when none is.
  public func firstLink(in path: RelativePath) -> RelativePath? {
    for count in 1...max(1, path.components.count) {
      let prefix = path.prefix(count)
      guard let kind = kind(of: prefix) else { return nil }
      if kind == .symbolicLink { return prefix }
    }
    return nil
  }
}
