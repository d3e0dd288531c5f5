import CSystemShims

#if canImport(Glibc)
  import Glibc
#endif

/// How many CPUs this process may use: what a parallel walk sizes its threads by.
public enum ProcessorCount {
  /// CPUs in the process's affinity mask, lowered by a cgroup v2 CPU quota (`cpu.max`) on its cgroup or a parent.
  public static func available() -> Int {
    var count = affinityCount() ?? sysconf(Int32(_SC_NPROCESSORS_ONLN))
    if let quota = cgroupQuota() { count = min(count, quota) }
    return max(1, count)
  }

  /// The CPUs a `cpu.max` file allows, rounded up: `150000 100000` allows 2, `max 100000` sets no limit.
  public static func quotaLimit(cpuMax: [UInt8]) -> Int? {
    let fields = cpuMax.split(whereSeparator: {
      $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n")
    })
    guard fields.count == 2, let quota = Int(String(decoding: fields[0], as: UTF8.self)),
      let period = Int(String(decoding: fields[1], as: UTF8.self)), quota > 0, period > 0
    else { return nil }
    return (quota + period - 1) / period
  }

  /// The cgroup v2 path in a `/proc/self/cgroup` file (its `0::` line), such as `/system.slice/x.scope`.
  public static func cgroupPath(procSelfCgroup: [UInt8]) -> String? {
    for line in procSelfCgroup.split(separator: UInt8(ascii: "\n"))
    where line.starts(with: "0::".utf8) {
      let path = String(decoding: line.dropFirst(3), as: UTF8.self)
      return path.hasPrefix("/") ? path : nil
    }
    return nil
  }

  private static func affinityCount() -> Int? {
    let count = gw_affinity_cpu_count()
    return count > 0 ? Int(count) : nil
  }

  /// The smallest quota on the process's cgroup and its parents (a container sees its own cgroup as `/`).
  private static func cgroupQuota() -> Int? {
    guard let membership = try? FileContents.read(path: "/proc/self/cgroup", limit: 65536),
      var directory = cgroupPath(procSelfCgroup: membership)
    else { return nil }
    var smallest: Int?
    while true {
      let file = "/sys/fs/cgroup" + (directory == "/" ? "" : directory) + "/cpu.max"
      if let cpuMax = try? FileContents.read(path: file, limit: 4096),
        let limit = quotaLimit(cpuMax: cpuMax)
      {
        smallest = min(smallest ?? limit, limit)
      }
      guard directory != "/", let cut = directory.lastIndex(of: "/") else { return smallest }
      directory = cut == directory.startIndex ? "/" : String(directory[..<cut])
    }
  }
}
