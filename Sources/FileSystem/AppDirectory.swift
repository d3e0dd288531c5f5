#if canImport(Glibc)
import Glibc
#endif

/// Why a `create` directory could not be made.
public enum DirectoryCreationError: Error, Equatable, Sendable {
  /// The path is empty, absolute or has a `..` component.
  case outsideAppDirectory(path: String)
  /// A component (`component`, relative to the app) is a symbolic link.
  case symbolicLink(path: String, component: String)
  /// A component exists and is not a directory.
  case notDirectory(path: String, component: String)
  /// A system call failed on `component`.
  case systemError(path: String, component: String, Errno)
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

  /// The path's components, or nil when it is empty, absolute or has a `..` component.
  static func components(of relativePath: String) -> [String]? {
    guard !relativePath.hasPrefix("/") else { return nil }
    let parts = relativePath.split(separator: "/", omittingEmptySubsequences: true)
      .map(String.init).filter { $0 != "." }
    guard !parts.isEmpty, !parts.contains("..") else { return nil }
    return parts
  }

  /// Reads a regular file inside the app directory, at most `limit` bytes, refusing symlinks anywhere on the way.
  public func readFile(_ relativePath: String, limit: Int) throws(AppFileError) -> [UInt8] {
    guard let parts = Self.components(of: relativePath), !relativePath.contains("\0") else {
      throw .outsideAppDirectory(path: relativePath)
    }
    var directory = descriptor
    defer { if directory != descriptor { directory.close() } }
    for (index, part) in parts.enumerated() {
      let shown = parts[0...index].joined(separator: "/")
      let status: FileStatus
      do {
        status = try directory.status(of: part)
      } catch {
        if error == .noSuchFileOrDirectory { throw .notFound(path: relativePath) }
        throw .systemError(path: relativePath, error)
      }
      if status.kind == .symbolicLink { throw .symbolicLink(path: relativePath, component: shown) }
      if index < parts.count - 1 {
        guard status.kind == .directory else { throw .notFound(path: relativePath) }
        let next: FileDescriptor
        do { next = try directory.openDirectory(part) } catch {
          throw .systemError(path: relativePath, error)
        }
        if directory != descriptor { directory.close() }
        directory = next
        continue
      }
      guard status.kind == .regular else { throw .notRegularFile(path: relativePath) }
      guard status.size <= limit else { throw .tooLarge(path: relativePath, limit: limit) }
      let file: FileDescriptor
      do { file = try directory.openForReading(part) } catch {
        throw .systemError(path: relativePath, error)
      }
      defer { file.close() }
      do {
        guard try file.status().kind == .regular else { throw AppFileError.notRegularFile(path: relativePath) }
        let bytes = try file.readAll(limit: limit)
        guard bytes.count <= limit else { throw AppFileError.tooLarge(path: relativePath, limit: limit) }
        return bytes
      } catch let error as AppFileError {
        throw error
      } catch let error as Errno {
        throw .systemError(path: relativePath, error)
      } catch {
        throw .notRegularFile(path: relativePath)
      }
    }
    throw .notFound(path: relativePath)
  }

  /// Creates `relativePath` and its missing parents (like `mkdir -p`), never through a symlink.
  ///
  /// Returns the paths it created, parents first.
  public func createDirectories(_ relativePath: String) throws(DirectoryCreationError) -> [String] {
    guard let parts = Self.components(of: relativePath), !relativePath.contains("\0") else {
      throw .outsideAppDirectory(path: relativePath)
    }
    var created: [String] = []
    var directory = descriptor
    defer { if directory != descriptor { directory.close() } }
    for (index, part) in parts.enumerated() {
      let shown = parts[0...index].joined(separator: "/")
      do {
        let status = try directory.status(of: part)
        if status.kind == .symbolicLink {
          throw DirectoryCreationError.symbolicLink(path: relativePath, component: shown)
        }
        guard status.kind == .directory else {
          throw DirectoryCreationError.notDirectory(path: relativePath, component: shown)
        }
      } catch let error as DirectoryCreationError {
        throw error
      } catch let error as Errno where error == .noSuchFileOrDirectory {
        do {
          try directory.makeDirectory(part, mode: 0o777)
          created.append(shown)
        } catch where error != .fileExists {
          throw .systemError(path: relativePath, component: shown, error)
        } catch {}
      } catch let error as Errno {
        throw .systemError(path: relativePath, component: shown, error)
      } catch {
        throw .systemError(path: relativePath, component: shown, Errno(rawValue: EIO))
      }
      do {
        let next = try directory.openDirectory(part)
        if directory != descriptor { directory.close() }
        directory = next
      } catch {
        if error == .tooManySymbolicLinks {
          throw .symbolicLink(path: relativePath, component: shown)
        }
        throw .systemError(path: relativePath, component: shown, error)
      }
    }
    return created
  }
}
