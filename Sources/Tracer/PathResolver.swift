#if canImport(Glibc)
import Glibc
#endif

/// Turns a traced call's (directory descriptor, path) into the absolute path it names, as the kernel would
/// resolve it: relative to the caller's working directory (`/proc/PID/cwd`) or to the descriptor
/// (`/proc/PID/fd/N`), with symbolic links in the directory part followed and the last name kept as written.
///
/// The tracer only reads: a path another process changes between the call and this reading may come out
/// differently, which makes the result a suggestion, never a decision (SECURITY.md).
struct PathResolver {
  /// `AT_FDCWD`.
  static let workingDirectory: Int32 = -100

  /// The calling thread.
  let pid: pid_t

  /// The absolute path of `path` (bytes) relative to `directory` (a descriptor, `AT_FDCWD`, or nil for the
  /// working directory); nil when the descriptor or working directory cannot be read.
  func absolute(_ path: [UInt8], directory: Int32?) -> [UInt8]? {
    if path.first == UInt8(ascii: "/") { return Self.normalized(path) }
    let base: [UInt8]?
    if let directory, directory != Self.workingDirectory {
      base = link("/proc/\(pid)/fd/\(directory)")
    } else {
      base = link("/proc/\(pid)/cwd")
    }
    guard let base, base.first == UInt8(ascii: "/") else { return nil }
    return Self.normalized(path.isEmpty ? base : base + [UInt8(ascii: "/")] + path)
  }

  /// The entry an open descriptor refers to.
  func descriptor(_ descriptor: Int32) -> [UInt8]? {
    guard let target = link("/proc/\(pid)/fd/\(descriptor)"), target.first == UInt8(ascii: "/") else { return nil }
    return target
  }

  /// `path` with `.` and `..` removed, the directory part through `realpath` when it exists.
  static func normalized(_ path: [UInt8]) -> [UInt8] {
    var components: [ArraySlice<UInt8>] = []
    for component in path.split(separator: UInt8(ascii: "/")) {
      if component == [UInt8(ascii: ".")][...] { continue }
      if component == [UInt8(ascii: "."), UInt8(ascii: ".")][...] {
        _ = components.popLast()
        continue
      }
      components.append(component)
    }
    guard let last = components.popLast() else { return [UInt8(ascii: "/")] }
    let directory = components.isEmpty ? [UInt8(ascii: "/")] : Array(components.map { [UInt8(ascii: "/")] + $0 }.joined())
    let real = realDirectory(directory) ?? directory
    return (real == [UInt8(ascii: "/")] ? [] : real) + [UInt8(ascii: "/")] + last
  }

  /// `realpath` of an existing directory, or nil.
  private static func realDirectory(_ path: [UInt8]) -> [UInt8]? {
    let resolved = (path + [0]).withUnsafeBufferPointer { buffer -> UnsafeMutablePointer<CChar>? in
      guard let base = buffer.baseAddress else { return nil }
      return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { realpath($0, nil) }
    }
    guard let resolved else { return nil }
    defer { free(resolved) }
    return Array(UnsafeBufferPointer(start: UnsafeRawPointer(resolved).assumingMemoryBound(to: UInt8.self), count: strlen(resolved)))
  }

  /// The target of the symbolic link `path` (a `/proc` entry), or nil.
  private func link(_ path: String) -> [UInt8]? {
    var buffer = [UInt8](repeating: 0, count: TraceeMemory.pathLimit + 1)
    let count = buffer.withUnsafeMutableBytes { raw -> Int in
      guard let base = raw.baseAddress else { return -1 }
      return readlink(path, base.assumingMemoryBound(to: CChar.self), raw.count)
    }
    guard count > 0, count <= TraceeMemory.pathLimit else { return nil }
    return Array(buffer.prefix(count))
  }
}
