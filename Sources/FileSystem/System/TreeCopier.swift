#if canImport(Glibc)
  import Glibc
#endif

/// One entry a `TreeCopier` could not copy.
public struct CopyFailure: Equatable, Sendable {
  /// The entry's path below the copied directory, as bytes (`cache/caf\xe9`).
  public let entry: [UInt8]
  /// Why.
  public let error: Errno

  /// A failure for `entry`.
  public init(entry: [UInt8], error: Errno) {
    self.entry = entry
    self.error = error
  }
}

/// Copies a small directory tree by descriptor (directories, regular files with their modes, symlinks as links;
/// FIFOs, sockets and devices are left out), never following a symlink. Names and link targets are copied byte
/// for byte; an entry that fails is recorded and the copy goes on with the rest.
public struct TreeCopier {
  /// Entries copied at most (the build refuses larger seeds); the entry past it is a failure (`EFBIG`).
  public let entryLimit: Int
  /// Bytes of file contents copied at most (the build refuses larger seeds); a file past it is a failure.
  public let byteLimit: Int
  /// Levels of depth copied at most.
  public let depthLimit: Int
  /// Failures kept at most; `failureCount` counts them all.
  public let failureLimit: Int
  /// The first `failureLimit` failures, in the order met.
  public private(set) var failures: [CopyFailure] = []
  /// Every failure.
  public private(set) var failureCount = 0
  private var copied = 0
  private var bytes = 0

  /// A copier of at most `entryLimit` entries, `byteLimit` bytes and `depthLimit` levels.
  public init(entryLimit: Int, byteLimit: Int, depthLimit: Int = 64, failureLimit: Int = 10) {
    self.entryLimit = entryLimit
    self.byteLimit = byteLimit
    self.depthLimit = depthLimit
    self.failureLimit = failureLimit
  }

  /// Copies what `source` holds into `destination` (both open directories); existing names are left alone.
  public mutating func copy(from source: FileDescriptor, into destination: FileDescriptor) {
    copy(from: source, into: destination, prefix: [], depth: 0)
  }

  private mutating func record(_ entry: [UInt8], _ error: Errno) {
    failureCount += 1
    if failures.count < failureLimit { failures.append(CopyFailure(entry: entry, error: error)) }
  }

  private mutating func copy(
    from source: FileDescriptor, into destination: FileDescriptor, prefix: [UInt8], depth: Int
  ) {
    let names: [(name: [UInt8], kind: FileKind)]
    do {
      names = try DirectoryListing.names(in: source, limit: entryLimit + 1)
    } catch {
      return record(prefix, error)
    }
    for (name, _) in names {
      let entry = prefix.isEmpty ? name : prefix + [UInt8(ascii: "/")] + name
      copied += 1
      guard copied <= entryLimit else {
        record(entry, .fileTooLarge)
        continue
      }
      do throws(Errno) {
        try AppDirectory.withName(name) { name throws(Errno) in
          try copyEntry(name, from: source, into: destination, entry: entry, depth: depth)
        }
      } catch {
        record(entry, error)
      }
    }
  }

  private mutating func copyEntry(
    _ name: UnsafePointer<CChar>, from source: FileDescriptor, into destination: FileDescriptor,
    entry: [UInt8],
    depth: Int
  ) throws(Errno) {
    let status = try source.status(of: name)
    switch status.kind {
    case .directory:
      guard depth + 1 < depthLimit else { throw Errno.nameTooLong }
      do { try destination.makeDirectory(name, mode: 0o700) } catch  where error == .fileExists {
        return
      }
      let from = try source.openDirectory(name)
      defer { from.close() }
      let into = try destination.openDirectory(name)
      defer { into.close() }
      copy(from: from, into: into, prefix: entry, depth: depth + 1)
      try into.changeMode(to: status.permissions)
    case .regular:
      guard status.size <= byteLimit - bytes else { throw Errno.fileTooLarge }
      bytes += status.size
      try copyFile(name, from: source, into: destination, permissions: status.permissions)
    case .symbolicLink:
      let target = try source.symbolicLinkTarget(name)
      do {
        try destination.makeSymbolicLink(name, toBytes: target)
      } catch  where error == .fileExists {}
    default:
      return
    }
  }

  private func copyFile(
    _ name: UnsafePointer<CChar>, from source: FileDescriptor, into destination: FileDescriptor,
    permissions: mode_t
  ) throws(Errno) {
    let input = try source.openForReading(name)
    defer { input.close() }
    let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
    let raw: CInt
    do {
      raw = try retryingOnInterrupt { openat(destination.rawValue, name, flags, mode_t(0o600)) }
        .get()
    } catch  where error == .fileExists {
      return
    }
    let output = FileDescriptor(rawValue: raw)
    defer { output.close() }
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let result = chunk.withUnsafeMutableBytes { buffer in
        Result { () throws(Errno) in try input.read(into: buffer) }
      }
      let count = try result.get()
      if count == 0 { break }
      let written = chunk.withUnsafeBytes { buffer in
        Result { () throws(Errno) in
          try output.write(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
      }
      try written.get()
    }
    try output.changeMode(to: permissions)
  }
}
