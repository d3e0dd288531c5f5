import CSystemShims

#if canImport(Glibc)
  import Glibc
#endif

/// The process's arguments, also where `/proc` is not mounted (a static executable's `CommandLine.arguments`
/// comes from `/proc/self/cmdline`); kept by an initialiser that runs before the Swift runtime's.
public enum ProcessArguments {
  /// `argv`, the executable's name first.
  public static func all() -> [String] {
    if !CommandLine.arguments.isEmpty { return CommandLine.arguments }
    return (0..<gw_argument_count()).compactMap { index in
      gw_argument(index).map { String(cString: $0) }
    }
  }

  /// A path that opens the running executable: `/proc/self/exe`, or without `/proc` the name it was run as.
  public static func executablePath() -> String {
    let proc = "/proc/self/exe"
    if access(proc, F_OK) == 0 { return proc }
    return all().first ?? proc
  }
}
