import FileSystem
import Testing

@Suite struct PermissionRuleTests {
  @Test(arguments: [
    (0o755, false, 0o775), (0o700, false, 0o770), (0o750, false, 0o770), (0o500, false, 0o550),
    (0o775, false, 0o775), (0o777, false, 0o777), (0o1755, false, 0o1775), (0o755, true, 0o2775),
    (0o2775, true, 0o2775), (0o000, false, 0o000),
  ] as [(UInt32, Bool, UInt32)])
  func directories(before: UInt32, setgid: Bool, after: UInt32) {
    let rule = PermissionRule(setsGroupIDOnDirectories: setgid)
    #expect(rule.directoryPermissions(from: before) == after)
  }

  @Test(arguments: [
    (0o644, 0o664), (0o600, 0o660), (0o755, 0o775), (0o700, 0o760), (0o444, 0o444),
    (0o400, 0o440), (0o664, 0o664), (0o640, 0o660), (0o604, 0o664), (0o200, 0o220),
  ] as [(UInt32, UInt32)])
  func files(before: UInt32, after: UInt32) {
    let rule = PermissionRule(setsGroupIDOnDirectories: true)
    #expect(rule.filePermissions(from: before) == after)
  }

  @Test(arguments: [(0o700, 0o710), (0o750, 0o750), (0o755, 0o755), (0o711, 0o711)] as [(UInt32, UInt32)])
  func ancestors(before: UInt32, after: UInt32) {
    #expect(PermissionRule().ancestorPermissions(from: before) == after)
  }

  @Test func neverAddsWriteForOthers() {
    let rule = PermissionRule(setsGroupIDOnDirectories: true)
    for mode in UInt32(0)...0o7777 {
      #expect(rule.directoryPermissions(from: mode) & 0o7 == mode & 0o7)
      #expect(rule.filePermissions(from: mode) & 0o7007 == mode & 0o7007)
    }
  }
}
