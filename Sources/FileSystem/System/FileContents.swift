#if canImport(Glibc)
  import Glibc
#endif

/// Reads a whole file named by a path the user gave (the command line's `--patterns-file`).
public enum FileContents {
  /// The file's bytes; throws `EFBIG` when it has more than `limit` bytes.
  public static func read(path: String, limit: Int) throws(Errno) -> [UInt8] {
    let raw = try retryingOnInterrupt { open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }.get()
    let file = FileDescriptor(rawValue: raw)
    defer { file.close() }
    guard try file.status().kind == .regular else { throw Errno.invalidArgument }
    let bytes = try file.readAll(limit: limit)
    guard bytes.count <= limit else { throw Errno.fileTooLarge }
    return bytes
  }
}
