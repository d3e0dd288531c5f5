/// Reads the first bytes of walked files (to recognise SQLite databases); tests fake it.
public protocol FileHeaderReading: Sendable {
  /// Up to `length` bytes from the start of `entry`, a regular file that `expected` describes; nil when it cannot
  /// be read or is no longer that file.
  func header(of entry: WalkEntry, expected: FileStatus, length: Int) -> [UInt8]?
}

/// Reads headers for real: opens the file relative to its parent (`O_NOFOLLOW|O_NONBLOCK`, so never a symlink
/// and never blocking on a FIFO swapped in), checks it is the inspected inode, and reads.
public struct SystemFileHeaderReader: FileHeaderReading {
  /// The real reader.
  public init() {}

  /// The header, or nil.
  public func header(of entry: WalkEntry, expected: FileStatus, length: Int) -> [UInt8]? {
    guard let file = try? entry.parent.openForReading(entry.name) else { return nil }
    defer { file.close() }
    guard let status = try? file.status(), status.isSameEntry(as: expected), status.kind == .regular
    else {
      return nil
    }
    var bytes = [UInt8](repeating: 0, count: length)
    let count = bytes.withUnsafeMutableBytes { buffer in (try? file.read(into: buffer)) ?? 0 }
    return Array(bytes.prefix(count))
  }
}
