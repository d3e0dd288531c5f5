#if canImport(Glibc)
import Glibc
#endif

/// Copies a small directory tree by descriptor (directories, regular files with their modes, symlinks as links;
/// FIFOs, sockets and devices are left out), never following a symlink.
public struct TreeCopier {
  /// Entries copied at most (the build refuses larger seeds).
  public let entryLimit: Int
  /// Levels of depth copied at most.
  public let depthLimit: Int
  private var copied = 0

  /// A copier of at most `entryLimit` entries and `depthLimit` levels.
  public init(entryLimit: Int, depthLimit: Int = 64) {
    self.entryLimit = entryLimit
    self.depthLimit = depthLimit
  }

  /// Copies what `source` holds into `destination` (both open directories); existing names are left alone.
  public mutating func copy(from source: FileDescriptor, into destination: FileDescriptor) throws(Errno) {
    try copy(from: source, into: destination, depth: 0)
  }

  private mutating func copy(from source: FileDescriptor, into destination: FileDescriptor, depth: Int)
    throws(Errno)
  {
    guard depth < depthLimit else { throw Errno.nameTooLong }
    for (bytes, _) in try DirectoryListing.names(in: source, limit: entryLimit + 1) {
      copied += 1
      guard copied <= entryLimit else { throw Errno.fileTooLarge }
      let name = String(decoding: bytes, as: UTF8.self)
      let status = try source.status(of: name)
      switch status.kind {
      case .directory:
        do { try destination.makeDirectory(name, mode: 0o700) } catch where error == .fileExists { continue }
        let from = try source.openDirectory(name)
        defer { from.close() }
        let into = try destination.openDirectory(name)
        defer { into.close() }
        try copy(from: from, into: into, depth: depth + 1)
        try into.changeMode(to: status.permissions)
      case .regular:
        try copyFile(name, from: source, into: destination, permissions: status.permissions)
      case .symbolicLink:
        let target = try source.symbolicLinkTarget(name)
        do {
          try destination.makeSymbolicLink(name, to: String(decoding: target, as: UTF8.self))
        } catch where error == .fileExists {}
      default:
        continue
      }
    }
  }

  private func copyFile(
    _ name: String, from source: FileDescriptor, into destination: FileDescriptor, permissions: mode_t
  ) throws(Errno) {
    let input = try source.openForReading(name)
    defer { input.close() }
    let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
    let raw: CInt
    do {
      raw = try retryingOnInterrupt { openat(destination.rawValue, name, flags, mode_t(0o600)) }.get()
    } catch where error == .fileExists {
      return
    }
    let output = FileDescriptor(rawValue: raw)
    defer { output.close() }
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let result = chunk.withUnsafeMutableBytes { buffer in Result { () throws(Errno) in try input.read(into: buffer) } }
      let count = try result.get()
      if count == 0 { break }
      let written = chunk.withUnsafeBytes { buffer in
        Result { () throws(Errno) in try output.write(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) }
      }
      try written.get()
    }
    try output.changeMode(to: permissions)
  }
}
