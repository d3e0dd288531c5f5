import FileSystem
import Foundation
import Testing

@Suite struct ProcessorCountTests {
  @Test(
    arguments: [
      ("max 100000\n", nil),
      ("100000 100000\n", 1),
      ("150000 100000\n", 2),
      ("50000 100000", 1),
      ("400000 100000\n", 4),
      ("0 100000\n", nil),
      ("100000 0\n", nil),
      ("", nil),
      ("garbage", nil),
      ("100000\n", nil),
    ] as [(String, Int?)])
  func quotaLimitRoundsTheQuotaUpToWholeCPUs(cpuMax: String, limit: Int?) {
    #expect(ProcessorCount.quotaLimit(cpuMax: Array(cpuMax.utf8)) == limit)
  }

  @Test(
    arguments: [
      ("0::/\n", "/"),
      ("0::/system.slice/docker-1.scope\n", "/system.slice/docker-1.scope"),
      ("12:cpu,cpuacct:/docker/1\n0::/kubepods/pod1/c1\n", "/kubepods/pod1/c1"),
      ("12:cpu,cpuacct:/docker/1\n1:name=systemd:/\n", nil),
      ("0::relative\n", nil),
      ("", nil),
    ] as [(String, String?)])
  func cgroupPathIsTheUnifiedHierarchysEntry(procSelfCgroup: String, path: String?) {
    #expect(ProcessorCount.cgroupPath(procSelfCgroup: Array(procSelfCgroup.utf8)) == path)
  }

  @Test func availableIsAtLeastOneAndAtMostTheOnlineCPUs() {
    let available = ProcessorCount.available()
    #expect(available >= 1)
    #expect(available <= sysconf(Int32(_SC_NPROCESSORS_ONLN)))
  }
}
