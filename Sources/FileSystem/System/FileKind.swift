#if canImport(Glibc)
  import Glibc
#endif

/// The type of a directory entry, from `d_type` or `st_mode`.
public enum FileKind: Sendable, Equatable {
  case directory
  case regular
  case symbolicLink
  case fifo
  case socket
  case characterDevice
  case blockDevice
  /// `DT_UNKNOWN`: the file system did not say; a `stat` is needed.
  case unknown

  /// The kind a `linux_dirent64.d_type` value names.
  init(directoryEntryType type: UInt8) {
    switch Int32(type) {
    case Int32(DT_DIR): self = .directory
    case Int32(DT_REG): self = .regular
    case Int32(DT_LNK): self = .symbolicLink
    case Int32(DT_FIFO): self = .fifo
    case Int32(DT_SOCK): self = .socket
    case Int32(DT_CHR): self = .characterDevice
    case Int32(DT_BLK): self = .blockDevice
    default: self = .unknown
    }
  }

  /// The kind the file-type bits of an `st_mode` value name.
  init(mode: mode_t) {
    switch mode & S_IFMT {
    case S_IFDIR: self = .directory
    case S_IFREG: self = .regular
    case S_IFLNK: self = .symbolicLink
    case S_IFIFO: self = .fifo
    case S_IFSOCK: self = .socket
    case S_IFCHR: self = .characterDevice
    case S_IFBLK: self = .blockDevice
    default: self = .unknown
    }
  }

  /// A short lower-case noun for messages, such as `symbolic link`.
  public var noun: String {
    switch self {
    case .directory: return "directory"
    case .regular: return "file"
    case .symbolicLink: return "symbolic link"
    case .fifo: return "FIFO"
    case .socket: return "socket"
    case .characterDevice: return "character device"
    case .blockDevice: return "block device"
    case .unknown: return "entry of unknown type"
    }
  }
}
