import Core
import FileSystem
import Foundation
import TestSupport
import Testing

@Suite struct WritableRootCheckerTests {
  func check(_ roots: [String], as identity: ProcessIdentity, in tree: TemporaryTree) throws
    -> [RootCheck]
  {
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    return WritableRootChecker(app: app, identity: identity).problems(in: roots)
  }

  @Test func writableRootsPass() throws {
    let tree = try TemporaryTree()
    try tree.directory("tmp", mode: 0o775)
    try tree.file("db.sqlite3", mode: 0o664)
    let me = ProcessIdentity.current()
    #expect(try check(["tmp/", "db.sqlite3", "./"], as: me, in: tree).isEmpty)
  }

  @Test func missingRootsAreReported() throws {
    let tree = try TemporaryTree()
    let problems = try check(["tmp/"], as: .current(), in: tree)
    #expect(problems == [RootCheck(root: "tmp/", problem: .missing)])
    #expect(
      DiagnosticRenderer.render(problems[0].diagnostic(appPath: "/workspace")) == """
        ! Warning: `tmp/` is missing
        !
        ! The build made `tmp/` group-writable, but it does not exist in the container.
        !
        ! How to fix it:
        ! - If the app creates it at run time, list its directory under `create` so the build makes it.

        """)
  }

  @Test func explainsAMissingGroupWithTheFix() {
    let identity = ProcessIdentity(userID: 1002, groupID: 1002, supplementaryGroups: [1002, 27])
    let check = RootCheck(root: "tmp/", problem: .groupNotHeld(group: 1000, identity: identity))
    #expect(
      DiagnosticRenderer.render(check.diagnostic(appPath: "/workspace")) == """
        ! Warning: `tmp/` is not writable: the process is not in group 1000
        !
        ! `tmp/` is writable by group 1000, but this process runs as uid 1002 with groups 1002, 27.
        !
        ! How to fix it:
        ! - Run the container with group 1000: `docker run --group-add 1000`, or in Kubernetes `securityContext.supplementalGroups: [1000]` or `fsGroup: 1000`.

        """)
  }

  @Test func explainsAReadOnlyFileSystemWithTheMountPath() {
    let check = RootCheck(root: "tmp/", problem: .readOnlyFileSystem)
    let text = DiagnosticRenderer.render(check.diagnostic(appPath: "/workspace"))
    #expect(text.contains("! Warning: `tmp/` is on a read-only file system\n"))
    #expect(
      text.contains(
        "! - Mount a writable volume at `/workspace/tmp` (a Kubernetes `emptyDir`, or `docker run --tmpfs /workspace/tmp`); "
      ))
  }
}
