import Core
import FileSystem
import Testing

/// The group the build's heading names: what the exporter gives the files, not root's 0.
@Suite struct OwningGroupTests {
  static let buildUser = ProcessIdentity(userID: 1001, groupID: 1000, supplementaryGroups: [1000])
  static let root = ProcessIdentity(userID: 0, groupID: 0, supplementaryGroups: [0])

  @Test(
    arguments: [
      ("1000", buildUser, 0, 1000),
      ("1001", root, 1000, 1001),
      // Shipwright's root-owned app root: the files go to the build user's group.
      (nil, buildUser, 0, 1000),
      // A build as root: the files keep the app directory's group.
      (nil, root, 1000, 1000),
      ("x", root, 1000, 1000),
      ("-1", buildUser, 0, 1000),
    ] as [(String?, ProcessIdentity, Int, Int)])
  func namesTheGroupOfTheFiles(
    cnbGroupID: String?, identity: ProcessIdentity, appGroup: Int, expected: Int
  ) {
    var report = Report()
    report.appDirectory = AppDirectoryFacts(
      owner: 0, group: appGroup, modeBefore: 0o755, modeAfter: 0o755)
    #expect(report.owningGroup(cnbGroupID: cnbGroupID, identity: identity) == expected)
  }
}
