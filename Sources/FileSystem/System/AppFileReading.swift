/// Why a file inside the app directory could not be read.
public enum AppFileError: Error, Equatable, Sendable {
  /// No entry exists at the path.
  case notFound(path: String)
  /// The path is absolute or has a `..` component.
  case outsideAppDirectory(path: String)
  /// A component of the path (`component`, relative to the app) is a symbolic link.
  case symbolicLink(path: String, component: String)
  /// The entry exists but is not a regular file (a directory, FIFO, device, …).
  case notRegularFile(path: String)
  /// The file is larger than `limit` bytes.
  case tooLarge(path: String, limit: Int)
  /// A system call failed.
  case systemError(path: String, Errno)
}

/// Reads files inside the app directory without following symbolic links or leaving it.
public protocol AppFileReading {
  /// Reads the regular file at `relativePath` (relative to the app directory), at most `limit` bytes.
  func readFile(_ relativePath: String, limit: Int) throws(AppFileError) -> [UInt8]
}
