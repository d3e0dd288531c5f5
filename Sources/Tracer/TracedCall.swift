import CTracerShims
import Core

/// Where a traced call names an entry: a path argument, read relative to a directory descriptor argument or the
/// working directory.
struct PathArgument: Sendable {
  /// The argument holding a directory descriptor (`AT_FDCWD` allowed), or nil for the working directory.
  let directory: Int?
  /// The argument holding the path's address.
  let path: Int
}

/// How to read one traced system call's arguments, and which write it makes.
enum CallShape: Sendable {
  /// `open`-like: a write only when the flags (argument `flags`, or `open_how` for nil) ask for one.
  case open(PathArgument, flags: Int?)
  /// `creat`: always a write.
  case create(PathArgument)
  /// A call that makes, removes or writes one named entry (`mkdir`, `unlink`, `mknod`, `chmod`, `truncate`...).
  case entry(WriteAction, PathArgument)
  /// A rename: the old name and the new one.
  case rename(from: PathArgument, to: PathArgument)
  /// A call that changes the entry an open descriptor (argument 0) refers to (`fchmod`, `ftruncate`).
  case descriptor(WriteAction)
  /// `bind` of a Unix socket: the path in the `sockaddr_un` of argument 1 (length in argument 2).
  case bind
}

/// A system call the tracer stops on: its number on this architecture, its name, and its shape.
struct TracedCall: Sendable {
  /// The call's number.
  let number: Int
  /// The call's name, as the output shows it.
  let name: String
  /// How its arguments are read.
  let shape: CallShape

  /// The open flags that make an `open` a write (`O_WRONLY|O_RDWR|O_CREAT|O_TRUNC`; `O_TMPFILE` implies one).
  static let writeFlags: UInt32 = 0o1 | 0o2 | 0o100 | 0o1000
  /// `O_CREAT`.
  static let createFlag = 0o100
  /// `O_TMPFILE` without `O_DIRECTORY`'s bit.
  static let temporaryFileFlag = 0o20000000

  /// Every call the tracer stops on that this architecture has.
  static let all: [TracedCall] = {
    let cwd = { (path: Int) in PathArgument(directory: nil, path: path) }
    let at = { (directory: Int, path: Int) in PathArgument(directory: directory, path: path) }
    let table: [(Int, String, CallShape)] = [
      (gw_sys_open, "open", .open(cwd(0), flags: 1)),
      (gw_sys_openat, "openat", .open(at(0, 1), flags: 2)),
      (gw_sys_openat2, "openat2", .open(at(0, 1), flags: nil)),
      (gw_sys_creat, "creat", .create(cwd(0))),
      (gw_sys_mkdir, "mkdir", .entry(.makeDirectory, cwd(0))),
      (gw_sys_mkdirat, "mkdirat", .entry(.makeDirectory, at(0, 1))),
      (gw_sys_rename, "rename", .rename(from: cwd(0), to: cwd(1))),
      (gw_sys_renameat, "renameat", .rename(from: at(0, 1), to: at(2, 3))),
      (gw_sys_renameat2, "renameat2", .rename(from: at(0, 1), to: at(2, 3))),
      (gw_sys_link, "link", .entry(.create, cwd(1))),
      (gw_sys_linkat, "linkat", .entry(.create, at(2, 3))),
      (gw_sys_symlink, "symlink", .entry(.create, cwd(1))),
      (gw_sys_symlinkat, "symlinkat", .entry(.create, at(1, 2))),
      (gw_sys_unlink, "unlink", .entry(.remove, cwd(0))),
      (gw_sys_unlinkat, "unlinkat", .entry(.remove, at(0, 1))),
      (gw_sys_rmdir, "rmdir", .entry(.remove, cwd(0))),
      (gw_sys_mknod, "mknod", .entry(.create, cwd(0))),
      (gw_sys_mknodat, "mknodat", .entry(.create, at(0, 1))),
      (gw_sys_chmod, "chmod", .entry(.changeMode, cwd(0))),
      (gw_sys_fchmodat, "fchmodat", .entry(.changeMode, at(0, 1))),
      (gw_sys_fchmodat2, "fchmodat2", .entry(.changeMode, at(0, 1))),
      (gw_sys_fchmod, "fchmod", .descriptor(.changeMode)),
      (gw_sys_chown, "chown", .entry(.changeOwner, cwd(0))),
      (gw_sys_lchown, "lchown", .entry(.changeOwner, cwd(0))),
      (gw_sys_fchownat, "fchownat", .entry(.changeOwner, at(0, 1))),
      (gw_sys_fchown, "fchown", .descriptor(.changeOwner)),
      (gw_sys_truncate, "truncate", .entry(.writeInPlace, cwd(0))),
      (gw_sys_ftruncate, "ftruncate", .descriptor(.writeInPlace)),
      (gw_sys_utime, "utime", .entry(.changeTimes, cwd(0))),
      (gw_sys_utimes, "utimes", .entry(.changeTimes, cwd(0))),
      (gw_sys_futimesat, "futimesat", .entry(.changeTimes, at(0, 1))),
      (gw_sys_utimensat, "utimensat", .entry(.changeTimes, at(0, 1))),
      (gw_sys_bind, "bind", .bind),
    ]
    return table.filter { $0.0 >= 0 }.map { TracedCall(number: $0.0, name: $0.1, shape: $0.2) }
  }()

  /// The calls by number.
  static let byNumber: [Int: TracedCall] = Dictionary(
    all.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
}
