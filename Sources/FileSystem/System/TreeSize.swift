/// What a small directory tree holds: its entries and the bytes of its regular files, counted by descriptor
/// without following a symlink (what a `TreeCopier` would copy).
public struct TreeSize: Equatable, Sendable {
  /// Entries below the directory (not itself).
  public var entries = 0
  /// Bytes of the regular files below it.
  public var bytes = 0

  /// A size of `entries` entries and `bytes` bytes.
  public init(entries: Int = 0, bytes: Int = 0) {
    self.entries = entries
    self.bytes = bytes
  }

  /// The size of what `directory` holds; counting stops past `entryLimit` entries (the result then has more) or
  /// below `depthLimit` levels (`ENAMETOOLONG`).
  public static func of(_ directory: FileDescriptor, entryLimit: Int, depthLimit: Int = 64)
    throws(Errno) -> TreeSize
  {
    var size = TreeSize()
    try size.add(directory, entryLimit: entryLimit, depth: depthLimit)
    return size
  }

  private mutating func add(_ directory: FileDescriptor, entryLimit: Int, depth: Int) throws(Errno)
  {
    guard depth > 0 else { throw Errno.nameTooLong }
    for (name, _) in try DirectoryListing.names(in: directory, limit: entryLimit + 1) {
      entries += 1
      if entries > entryLimit { return }
      try AppDirectory.withName(name) { name throws(Errno) in
        let status = try directory.status(of: name)
        switch status.kind {
        case .regular: bytes += status.size
        case .directory:
          let child = try directory.openDirectory(name)
          defer { child.close() }
          try add(child, entryLimit: entryLimit, depth: depth - 1)
        default: break
        }
      }
      if entries > entryLimit { return }
    }
  }
}
