#if canImport(Glibc)
  import Glibc
#endif

/// The process's working directory.
public enum WorkingDirectory {
  /// `getcwd`, or nil when it fails (deleted, or too long).
  public static func current() -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { return nil }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
