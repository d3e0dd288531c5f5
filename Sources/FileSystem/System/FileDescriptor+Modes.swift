import CSystemShims
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

extension FileDescriptor {
  /// `fchmod(self, mode)`: changes the open entry's permission bits (a directory or file opened for reading).
  public func changeMode(to mode: mode_t) throws(Errno) {
    _ = try retryingOnInterrupt { fchmod(rawValue, mode) }.get()
  }

  /// Changes the permission bits of the entry this `O_PATH` handle holds: `fchmodat2(self, "", AT_EMPTY_PATH)`, or
  /// on kernels before 6.6 `chmod("/proc/self/fd/N")`, which names the same inode.
  public func changeModeOfHandle(to mode: mode_t) throws(Errno) {
    if Self.kernelHasFchmodat2.load(ordering: .relaxed) {
      switch retryingOnInterrupt({ gw_fchmod_handle(rawValue, mode) }) {
      case .success: return
      case .failure(let error) where error.rawValue == ENOSYS:
        Self.kernelHasFchmodat2.store(false, ordering: .relaxed)
      case .failure(let error): throw error
      }
    }
    let procPath = "/proc/self/fd/\(rawValue)"
    _ = try retryingOnInterrupt { chmod(procPath, mode) }.get()
  }

  /// `fchmodat2(self, name, mode, AT_SYMLINK_NOFOLLOW)`: changes `name` by name, never a symlink's target.
  ///
  /// The name is resolved again, so use it only where nobody else can rename entries of this directory (see
  /// SECURITY.md); throws `ENOSYS` on kernels before 6.6, where only a handle can change a file without following
  /// a symlink.
  public func changeMode(of name: UnsafePointer<CChar>, to mode: mode_t) throws(Errno) {
    guard Self.kernelHasFchmodat2.load(ordering: .relaxed) else { throw Errno(rawValue: ENOSYS) }
    switch retryingOnInterrupt({ gw_fchmodat2(rawValue, name, mode, AT_SYMLINK_NOFOLLOW) }) {
    case .success: return
    case .failure(let error):
      if error.rawValue == ENOSYS { Self.kernelHasFchmodat2.store(false, ordering: .relaxed) }
      throw error
    }
  }

  /// `mkdirat(self, name, mode)`; the process umask still applies, so callers set the mode afterwards.
  public func makeDirectory(_ name: UnsafePointer<CChar>, mode: mode_t) throws(Errno) {
    _ = try retryingOnInterrupt { mkdirat(rawValue, name, mode) }.get()
  }

  /// Whether `fchmodat2` is worth trying: cleared at the first `ENOSYS` (walker threads share it).
  static let kernelHasFchmodat2 = Atomic<Bool>(true)
}
