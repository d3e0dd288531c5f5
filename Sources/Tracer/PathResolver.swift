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

  /// The entry an open descriptor refers to; nil for a file no longer linked anywhere (`/proc` shows it as
  /// `PATH (deleted)`), which is no entry of the tree.
  func descriptor(_ descriptor: Int32) -> [UInt8]? {
    let link = "/proc/\(pid)/fd/\(descriptor)"
    guard let target = self.link(link), target.first == UInt8(ascii: "/") else { return nil }
    var status = stat()
    if target.reversed().starts(with: Array(" (deleted)".utf8).reversed()),
      stat(link, &status) == 0,
      status.st_nlink == 0
    {
      return nil
    }
    return target
  }

  /// The absolute `path` as the kernel walks it: the directory part through `realpath` (symbolic links followed,
  /// then `..` applied to where they lead), from its longest existing prefix; the rest, and the last name, as
  /// written with `.` and `..` removed.
  static func normalized(_ path: [UInt8]) -> [UInt8] {
    let components = path.split(separator: slash)
    guard let last = components.last else { return [slash] }
    if last.elementsEqual([dot]) || last.elementsEqual([dot, dot]) {
      return realDirectory(path) ?? lexical(components)
    }
    var existing = Array(components.dropLast())
    var rest: [ArraySlice<UInt8>] = [last]
    while true {
      if let real = realDirectory(joined(existing)) {
        return lexical(real.split(separator: slash) + rest)
      }
      guard let component = existing.popLast() else { return lexical(components) }
      rest.insert(component, at: 0)
    }
  }

  private static let slash = UInt8(ascii: "/")
  private static let dot = UInt8(ascii: ".")

  /// `/` followed by `components` joined with `/`.
  private static func joined(_ components: [ArraySlice<UInt8>]) -> [UInt8] {
    components.isEmpty ? [slash] : Array(components.map { [slash] + $0 }.joined())
  }

  /// `components` as an absolute path with `.` and `..` removed by text.
  private static func lexical(_ components: [ArraySlice<UInt8>]) -> [UInt8] {
    var kept: [ArraySlice<UInt8>] = []
    for component in components {
      if component.elementsEqual([dot]) { continue }
      if component.elementsEqual([dot, dot]) {
        _ = kept.popLast()
        continue
      }
      kept.append(component)
    }
    return joined(kept)
  }

  /// `realpath` of an existing directory, or nil.
  private static func realDirectory(_ path: [UInt8]) -> [UInt8]? {
    let resolved = (path + [0]).withUnsafeBufferPointer { buffer -> UnsafeMutablePointer<CChar>? in
      guard let base = buffer.baseAddress else { return nil }
      return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { realpath($0, nil) }
    }
    guard let resolved else { return nil }
    defer { free(resolved) }
    return Array(
      UnsafeBufferPointer(
        start: UnsafeRawPointer(resolved).assumingMemoryBound(to: UInt8.self),
        count: strlen(resolved)))
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
