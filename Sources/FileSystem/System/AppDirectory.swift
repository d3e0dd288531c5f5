import Patterns

#if canImport(Glibc)
  import Glibc
#endif

/// Why a `create` directory could not be made.
public enum DirectoryCreationError: Error, Equatable, Sendable {
  /// A component (`component`, relative to the app) is a symbolic link.
  case symbolicLink(path: RelativePath, component: RelativePath)
  /// A component exists and is not a directory.
  case notDirectory(path: RelativePath, component: RelativePath)
  /// A system call failed on `component`; `parent` is the status of the directory it was to be made in, when the
  /// failure was a denied permission (whose owner says which platform step made it).
  case systemError(path: RelativePath, component: RelativePath, Errno, parent: FileStatus? = nil)
}

/// The app directory, open by descriptor: every lookup inside it is relative and never follows a symlink.
public struct AppDirectory: AppFileReading {
  /// The open app directory.
  public let descriptor: FileDescriptor

  /// Wraps an already open directory.
  public init(descriptor: FileDescriptor) {
    self.descriptor = descriptor
  }

  /// Opens the directory at `path` (the working directory for `.`); the app root itself may be a symlink.
  public static func open(_ path: String) throws(Errno) -> AppDirectory {
    let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC
    let raw = try retryingOnInterrupt { Glibc.open(path, flags) }.get()
    return AppDirectory(descriptor: FileDescriptor(rawValue: raw))
  }

  /// Opens the directory holding the last component of `path` (the app directory for a one-component path),
  /// never through a symlink, and runs `body` with it and that component; the directory is closed afterwards.
  /// Directories on the way are opened as `O_PATH` handles, so search permission is enough (a 0311 directory's
  /// entries can still be looked up by name); `body` may use the handle for `*at` calls, not to read it.
  public func withParent<Result>(
    of path: RelativePath, _ body: (FileDescriptor, UnsafePointer<CChar>) throws(Errno) -> Result
  ) throws(Errno) -> Result {
    var directory = descriptor
    defer { if directory != descriptor { directory.close() } }
    for component in path.components.dropLast() {
      let next = try Self.withName(component) { name throws(Errno) in
        try directory.openDirectoryHandle(name)
      }
      if directory != descriptor { directory.close() }
      directory = next
    }
    let last = path.components.last ?? [0x2E]
    let parent = directory
    return try Self.withName(last) { name throws(Errno) in try body(parent, name) }
  }

  /// The status of `path`, never following a symlink on the way or at the end; nil when it cannot be read.
  public func status(of path: RelativePath) -> FileStatus? {
    try? withParent(of: path) { parent, name throws(Errno) in try parent.status(of: name) }
  }

  /// Reads a regular file inside the app directory, at most `limit` bytes, refusing symlinks anywhere on the way.
  public func readFile(_ relativePath: String, limit: Int) throws(AppFileError) -> [UInt8] {
    guard let path = try? RelativePath(relativePath) else {
      throw .outsideAppDirectory(path: relativePath)
    }
    let result: Result<[UInt8], AppFileError>
    do {
      result = try withParent(of: path) { parent, name throws(Errno) in
        Self.read(name, in: parent, path: relativePath, limit: limit)
      }
    } catch {
      switch error {
      case .noSuchFileOrDirectory: throw .notFound(path: relativePath)
      case .notDirectory, .tooManySymbolicLinks:
        // `O_NOFOLLOW|O_DIRECTORY` on a symlink fails with either, depending on the kernel's path walk.
        guard let component = firstSymlink(in: path) else { throw .notFound(path: relativePath) }
        throw .symbolicLink(path: relativePath, component: component)
      default: throw .systemError(path: relativePath, error)
      }
    }
    return try result.get()
  }

  private static func read(
    _ name: UnsafePointer<CChar>, in parent: FileDescriptor, path: String, limit: Int
  ) -> Result<[UInt8], AppFileError> {
    do throws(Errno) {
      let status = try parent.status(of: name)
      if status.kind == .symbolicLink {
        return .failure(.symbolicLink(path: path, component: path))
      }
      guard status.kind == .regular else { return .failure(.notRegularFile(path: path)) }
      guard status.size <= limit else { return .failure(.tooLarge(path: path, limit: limit)) }
      let file = try parent.openForReading(name)
      defer { file.close() }
      guard try file.status().isSameEntry(as: status) else {
        return .failure(.notRegularFile(path: path))
      }
      let bytes = try file.readAll(limit: limit)
      guard bytes.count <= limit else { return .failure(.tooLarge(path: path, limit: limit)) }
      return .success(bytes)
    } catch {
      if error == .noSuchFileOrDirectory { return .failure(.notFound(path: path)) }
      return .failure(.systemError(path: path, error))
    }
  }

  /// The first component of `path` that is a symlink, as text, for messages.
  private func firstSymlink(in path: RelativePath) -> String? {
    for count in 1...max(1, path.components.count) {
      let prefix = path.prefix(count)
      if status(of: prefix)?.kind == .symbolicLink { return prefix.description }
    }
    return nil
  }

  /// Creates `path` and its missing parents (like `mkdir -p`) with exactly `mode`, never through a symlink.
  ///
  /// A directory it makes is opened (`O_NOFOLLOW`) and given `mode` through its descriptor, so the umask never
  /// decides its mode. Returns the shallowest directory it made (every one below it on the way to `path` was made
  /// too), or nil when `path` existed.
  public func createDirectories(
    _ path: RelativePath, mode: mode_t
  ) throws(DirectoryCreationError) -> RelativePath? {
    var firstMade: RelativePath?
    var directory = descriptor
    defer { if directory != descriptor { directory.close() } }
    for index in path.components.indices {
      let component = path.components[index]
      let step = Self.withName(component) { name in
        Self.enter(name, in: directory, mode: mode)
      }
      switch step {
      case .failure(let error):
        let shown = path.prefix(index + 1)
        switch error {
        case .tooManySymbolicLinks: throw .symbolicLink(path: path, component: shown)
        case .notDirectory: throw .notDirectory(path: path, component: shown)
        case .permissionDenied, .notPermitted:
          throw .systemError(path: path, component: shown, error, parent: try? directory.status())
        default: throw .systemError(path: path, component: shown, error)
        }
      case .success(let (next, made)):
        if made && firstMade == nil { firstMade = path.prefix(index + 1) }
        if directory != descriptor { directory.close() }
        directory = next
      }
    }
    return firstMade
  }

  /// Opens `name` in `directory`, making it first when it is missing; whether it was made.
  private static func enter(
    _ name: UnsafePointer<CChar>, in directory: FileDescriptor, mode: mode_t
  ) -> Result<(FileDescriptor, Bool), Errno> {
    do throws(Errno) {
      var made = false
      do {
        try directory.makeDirectory(name, mode: 0o700)
        made = true
      } catch  where error == .fileExists {}
      let status = try directory.status(of: name)
      if status.kind == .symbolicLink { throw Errno.tooManySymbolicLinks }
      guard status.kind == .directory else { throw Errno.notDirectory }
      let next = try directory.openDirectory(name)
      if made {
        // The umask never decides the mode; a setgid bit the parent passed down (kpack's fsGroup) stays.
        do { try next.changeMode(to: mode | (try next.status().permissions & S_ISGID)) } catch {
          next.close()
          throw error
        }
      }
      return .success((next, made))
    } catch {
      return .failure(error)
    }
  }

  /// Runs `body` with `component` as a NUL-terminated name.
  public static func withName<Value>(
    _ component: [UInt8], _ body: (UnsafePointer<CChar>) throws(Errno) -> Value
  ) throws(Errno) -> Value {
    let name = component.map { CChar(bitPattern: $0) } + [0]
    // Swift 6.0's `withUnsafeBufferPointer` only rethrows untyped errors: the outcome crosses it as a value.
    let outcome = name.withUnsafeBufferPointer { buffer -> Result<Value, Errno> in
      guard let base = buffer.baseAddress else { return .failure(.invalidArgument) }
      do throws(Errno) {
        return .success(try body(base))
      } catch {
        return .failure(error)
      }
    }
    switch outcome {
    case .success(let value): return value
    case .failure(let error): throw error
    }
  }

  private static func withName<Result>(
    _ component: [UInt8], _ body: (UnsafePointer<CChar>) -> Result
  ) -> Result {
    let name = component.map { CChar(bitPattern: $0) } + [0]
    return name.withUnsafeBufferPointer { buffer in body(buffer.baseAddress ?? Self.emptyName) }
  }

  // Immutable after initialisation: a C string nobody writes.
  nonisolated(unsafe) private static let emptyName: UnsafePointer<CChar> = WalkFrame.baseName
}
