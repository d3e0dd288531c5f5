import FileSystem
import Patterns

#if canImport(Glibc)
  import Glibc
#endif

/// The app directory as a run sees it: make directories, read a status, walk. The real one is an open
/// `AppDirectory`; tests pass fakes.
public protocol AppTree {
  /// Creates `path` and its missing parents with exactly `mode` (whatever the umask), never through a symlink;
  /// returns the shallowest directory it made (all below it on the way were made too), nil when `path` existed.
  func createDirectories(_ path: RelativePath, mode: mode_t) throws(DirectoryCreationError)
    -> RelativePath?
  /// The status of `path`, not following a symlink at its end; nil when it cannot be read.
  func status(of path: RelativePath) -> FileStatus?
  /// Replaces the directory `path` with a symlink to `target`, moving what it holds to `seed`.
  func link(_ path: RelativePath, to target: String, seed: RelativePath) throws(LinkError)
    -> LinkOutcome
  /// What the directory `path` holds in all, counted up to just past `entryLimit` entries (nil: unreadable).
  func contentSize(of path: RelativePath, entryLimit: Int) -> TreeSize?
  /// The regular files directly in the directory `path`, among its first `limit` entries (nil: unreadable).
  func regularFiles(in path: RelativePath, limit: Int) -> [(name: [UInt8], status: FileStatus)]?
  /// Walks the tree with `patterns`, handing entries to `handler` (and shares of it to `helpers`, one thread each).
  func walk(
    patterns: PatternSet, options: WalkOptions, handler: any WalkHandler, helpers: [any WalkHandler]
  ) -> WalkSummary
}

extension AppDirectory: AppTree {
  /// Measures the directory by descriptor, stopping past `entryLimit` entries.
  public func contentSize(of path: RelativePath, entryLimit: Int) -> TreeSize? {
    guard
      let directory = try? withParent(
        of: path, { parent, name throws(Errno) in try parent.openDirectory(name) })
    else { return nil }
    defer { directory.close() }
    return try? TreeSize.of(directory, entryLimit: entryLimit)
  }

  /// Lists the directory by descriptor, never following a symlink.
  public func regularFiles(in path: RelativePath, limit: Int) -> [(
    name: [UInt8], status: FileStatus
  )]? {
    let directory: FileDescriptor
    if path.isAppDirectory {
      directory = descriptor
    } else {
      guard
        let opened = try? withParent(
          of: path, { parent, name throws(Errno) in try parent.openDirectory(name) })
      else { return nil }
      directory = opened
    }
    defer { if directory != descriptor { directory.close() } }
    guard let names = try? DirectoryListing.names(in: directory, limit: limit) else { return nil }
    return names.compactMap { name, _ in
      guard
        let status = try? Self.withName(
          name, { name throws(Errno) in try directory.status(of: name) }),
        status.kind == .regular
      else { return nil }
      return (name, status)
    }
  }

  /// Walks with a `TreeWalker`.
  public func walk(
    patterns: PatternSet, options: WalkOptions, handler: any WalkHandler, helpers: [any WalkHandler]
  ) -> WalkSummary {
    TreeWalker(patterns: patterns, options: options, handler: handler, helperHandlers: helpers)
      .walk(root: descriptor)
  }
}

/// Receives what a run does as it happens: progress lines, and for DEBUG or `list` every change or selection.
public protocol ApplyOutput: AnyObject {
  /// Whether `changed` should be called for every change (which keeps the walk on one thread, in walk order).
  var wantsEveryChange: Bool { get }
  /// Whether `selected` should be called for every selected entry (likewise on one thread).
  var wantsEverySelection: Bool { get }
  /// Every few seconds of a long walk.
  func progress(scanned: Int, changed: Int, seconds: Double)
  /// One mode change (display path, type, old and new bits, why).
  func changed(
    _ path: String, kind: FileKind, from old: mode_t, to new: mode_t, reasons: ChangeReasons)
  /// One selected entry (path bytes relative to the app directory).
  func selected(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind)
}

extension ApplyOutput {
  /// Does not ask for every change.
  public var wantsEveryChange: Bool { false }
  /// Does not ask for every selection.
  public var wantsEverySelection: Bool { false }
  /// Ignores progress.
  public func progress(scanned: Int, changed: Int, seconds: Double) {}
  /// Ignores a change.
  public func changed(
    _ path: String, kind: FileKind, from old: mode_t, to new: mode_t, reasons: ChangeReasons
  ) {}
  /// Ignores a selection.
  public func selected(_ path: UnsafeBufferPointer<UInt8>, kind: FileKind) {}
}
