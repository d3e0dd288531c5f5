import Core
import FileSystem
import Foundation
import TestSupport
import Testing

@Suite struct AuditorTests {
  @Test func findsSetIDExecutablesWorldWritableAndForeignEntries() throws {
    let tree = try TemporaryTree()
    try tree.file("bin/tool", mode: 0o4755)
    try tree.file("bin/notexec", mode: 0o4644)
    try tree.file("shared", mode: 0o666)
    try tree.directory("drop", mode: 0o1777)
    try tree.symlink("link", to: "shared")
    try tree.file("plain")
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    let stranger: uid_t = geteuid() == 4242 ? 4243 : 4242
    let report = Auditor(app: app, userID: stranger).run()
    #expect(report.inspected == 8)
    #expect(report.setIDExecutables.paths == ["bin/tool"])
    #expect(Set(report.worldWritable.paths) == ["shared", "drop/"])
    #expect(report.foreignOwned.total == 8)
    #expect(report.foreignOwners == [geteuid()])
    #expect(report.hasFindings)
    let titles = report.diagnostics.map(\.title)
    #expect(
      titles == [
        "1 setuid or setgid executable in the app directory",
        "2 world-writable entries in the app directory",
        "8 entries not owned by the build user",
      ])
  }

  @Test func aCleanTreeHasNoFindingsUnlessRunAsRoot() throws {
    let tree = try TemporaryTree()
    try tree.file("app/main.rb")
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    let report = Auditor(app: app, userID: geteuid()).run()
    #expect(report.setIDExecutables.total == 0)
    #expect(report.worldWritable.total == 0)
    #expect(report.foreignOwned.total == 0)
    #expect(report.hasFindings == (geteuid() == 0))
    #expect(report.diagnostics.map(\.title) == (geteuid() == 0 ? ["The build runs as root (uid 0)"] : []))
  }
}
