#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// An error number reported by a system call, named after its C constant.
public struct Errno: Error, Hashable, Sendable, CustomStringConvertible {
  /// The raw C `errno` value.
  public let rawValue: CInt

  /// Wraps a raw C `errno` value.
  public init(rawValue: CInt) { self.rawValue = rawValue }

  /// The current thread's `errno`.
  static var current: Errno { Errno(rawValue: errno) }

  /// `ENOENT`: no such file or directory.
  public static let noSuchFileOrDirectory = Errno(rawValue: ENOENT)
  /// `EACCES`: permission denied.
  public static let permissionDenied = Errno(rawValue: EACCES)
  /// `EPERM`: operation not permitted.
  public static let notPermitted = Errno(rawValue: EPERM)
  /// `ENOTDIR`: not a directory.
  public static let notDirectory = Errno(rawValue: ENOTDIR)
  /// `ELOOP`: too many symbolic links, or `O_NOFOLLOW` met a symbolic link.
  public static let tooManySymbolicLinks = Errno(rawValue: ELOOP)
  /// `EEXIST`: file exists.
  public static let fileExists = Errno(rawValue: EEXIST)
  /// `EAGAIN`: resource temporarily unavailable (`fork` at the process limit).
  public static let tryAgain = Errno(rawValue: EAGAIN)
  /// `EINTR`: interrupted system call.
  public static let interrupted = Errno(rawValue: EINTR)
  /// `EROFS`: read-only file system.
  public static let readOnlyFileSystem = Errno(rawValue: EROFS)
  /// `EISDIR`: is a directory.
  public static let isDirectory = Errno(rawValue: EISDIR)
  /// `EMFILE`: too many open files in this process.
  public static let tooManyOpenFiles = Errno(rawValue: EMFILE)
  /// `EFBIG`: file too large.
  public static let fileTooLarge = Errno(rawValue: EFBIG)
  /// `EINVAL`: invalid argument.
  public static let invalidArgument = Errno(rawValue: EINVAL)
  /// `ENAMETOOLONG`: file name too long.
  public static let nameTooLong = Errno(rawValue: ENAMETOOLONG)

  /// The C constant's name, such as `EACCES`.
  public var name: String {
    switch rawValue {
    case EPERM: return "EPERM"
    case ENOENT: return "ENOENT"
    case ESRCH: return "ESRCH"
    case EINTR: return "EINTR"
    case EAGAIN: return "EAGAIN"
    case EIO: return "EIO"
    case EBADF: return "EBADF"
    case ECHILD: return "ECHILD"
    case ENOMEM: return "ENOMEM"
    case EACCES: return "EACCES"
    case EBUSY: return "EBUSY"
    case EEXIST: return "EEXIST"
    case EXDEV: return "EXDEV"
    case ENOTDIR: return "ENOTDIR"
    case EISDIR: return "EISDIR"
    case EINVAL: return "EINVAL"
    case ENFILE: return "ENFILE"
    case EMFILE: return "EMFILE"
    case EFBIG: return "EFBIG"
    case ENOSPC: return "ENOSPC"
    case EROFS: return "EROFS"
    case ENAMETOOLONG: return "ENAMETOOLONG"
    case ELOOP: return "ELOOP"
    case EOVERFLOW: return "EOVERFLOW"
    case EDQUOT: return "EDQUOT"
    case ESTALE: return "ESTALE"
    default: return "errno \(rawValue)"
    }
  }

  /// The C library's description of the error, such as `Permission denied`.
  public var message: String { String(cString: strerror(rawValue)) }

  /// `NAME (message)`, such as `EACCES (Permission denied)`.
  public var description: String { "\(name) (\(message))" }
}

/// Runs a system call, retrying while it fails with `EINTR`; the one place that retries.
@inline(__always)
func retryingOnInterrupt<T: BinaryInteger>(_ call: () -> T) -> Result<T, Errno> {
  while true {
    let result = call()
    if result >= 0 { return .success(result) }
    let error = Errno.current
    if error != .interrupted { return .failure(error) }
  }
}
