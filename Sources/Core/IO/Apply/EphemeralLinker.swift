import FileSystem
import Patterns

/// Turns each `ephemeral` directory into a symlink to `<ephemeral-base>/<path>`, a place the start-up check makes
/// writable at every container start (for read-only root file systems); what the directory held at build time
/// moves to a seed under `.group-writable/ephemeral/` and is copied into the new place at start, so nothing is lost.
struct EphemeralLinker {
  /// Where seeds are kept in the app directory.
  static let seedRoot = RelativePath.fixed(".group-writable/ephemeral")
  /// The most entries a seed may hold: it is copied at every start, which must stay fast.
  static let seedEntryLimit = EphemeralLimits.seedEntries
  /// The most bytes of files a seed may hold: it is copied, often into memory (`tmpfs`), at every start.
  static let seedByteLimit = EphemeralLimits.seedBytes

  let tree: any AppTree
  let base: String

  /// Links every path; returns what the report keeps.
  func link(_ paths: [RelativePath]) throws(ApplyError) -> [EphemeralLink] {
    var links: [EphemeralLink] = []
    for path in paths {
      let status = tree.status(of: path)
      if status?.kind == .directory {
        let size = tree.contentSize(of: path, entryLimit: Self.seedEntryLimit)
        guard let size, size.entries <= Self.seedEntryLimit else {
          throw .ephemeralTooLarge(path: path, limit: Self.seedEntryLimit)
        }
        guard size.bytes <= Self.seedByteLimit else {
          throw .ephemeralTooManyBytes(path: path, bytes: size.bytes, limit: Self.seedByteLimit)
        }
      }
      let target = base + "/" + path.description
      let seed = RelativePath.fixed(Self.seedRoot.description + "/" + path.description)
      let outcome: LinkOutcome
      do {
        outcome = try tree.link(path, to: target, seed: seed)
      } catch {
        throw .cannotLinkEphemeral(path: path, error)
      }
      let kept: String?
      switch outcome {
      case .linked(let moved):
        kept = moved.map { DisplayPath.relative($0.bytes, isDirectory: false) }
      case .alreadyLinked:
        kept =
          tree.status(of: seed)?.kind == .directory
          ? DisplayPath.relative(seed.bytes, isDirectory: false) : nil
      }
      let mode = status.map { Int($0.permissions & 0o755) | 0o700 } ?? 0o755
      links.append(
        EphemeralLink(
          path: DisplayPath.relative(path.bytes, isDirectory: false), target: target, seed: kept,
          mode: status?.kind == .directory ? mode : 0o755))
    }
    return links
  }
}

extension RelativePath {
  /// A path from a literal the code knows is valid (the app directory if it were not).
  static func fixed(_ text: String) -> RelativePath {
    (try? RelativePath(text)) ?? .appDirectory
  }
}
