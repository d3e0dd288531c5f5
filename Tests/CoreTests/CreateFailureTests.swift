import FileSystem
import Patterns
import Testing

@testable import Core

#if canImport(Glibc)
  import Glibc
#endif

/// A `create` directory the build user may not make: the message names the parent's owner and the platform step.
@Suite struct CreateFailureTests {
  static func denied(_ path: RelativePath, at component: RelativePath, owner: uid_t, mode: mode_t)
    -> DirectoryCreationError
  {
    .systemError(
      path: path, component: component, .permissionDenied,
      parent: FileStatus(mode: 0o040000 | mode, userID: owner, groupID: 1000))
  }

  @Test(
    arguments: [
      (
        denied("tmp/pids", at: "tmp", owner: 1000, mode: 0o755), 1001,
        PlatformHint.otherOwner(userID: 1000)
      ),
      (
        denied("tmp/pids", at: "tmp/pids", owner: 1000, mode: 0o755), 1001,
        .otherOwner(userID: 1000)
      ),
      (denied("tmp", at: "tmp", owner: 0, mode: 0o755), 1001, .rootOwnedVolume(mode: 0o755)),
      (denied("tmp/pids", at: "tmp/pids", owner: 0, mode: 0o755), 1001, nil),
      (denied("tmp", at: "tmp", owner: 1001, mode: 0o555), 1001, nil),
      (.systemError(path: "tmp", component: "tmp", Errno(rawValue: ENOSPC)), 1001, nil),
      (.notDirectory(path: "tmp/pids", component: "tmp"), 1001, nil),
    ] as [(DirectoryCreationError, Int, PlatformHint?)])
  func hint(error: DirectoryCreationError, buildUser: Int, expected: PlatformHint?) {
    #expect(PlatformHint(creationFailure: error, buildUser: buildUser) == expected)
  }

  @Test func otherOwnerMessage() {
    let error = Self.denied("tmp/pids", at: "tmp", owner: 1000, mode: 0o755)
    let hint = PlatformHint(creationFailure: error, buildUser: 1001)
    #expect(
      DiagnosticRenderer.render(ApplyError.cannotCreateDirectory(error, hint: hint).diagnostic)
        == """
        ! Cannot create a directory listed in `create`
        !
        ! Creating `tmp` failed: EACCES (Permission denied) (`tmp/pids`).
        !
        ! Its parent, the app directory, is owned by uid 1000 with mode 755: a platform step handed the source to that user (Tekton's `buildpacks` task runs `chown -R` with its `USER_ID` and `GROUP_ID` parameters).
        !
        ! How to fix it:
        ! - Run the platform's steps as the builder's build user (`CNB_USER_ID` and `CNB_GROUP_ID` of the builder image, such as 1001 and 1000 on Paketo jammy): for Tekton, set the task's `USER_ID` and `GROUP_ID` to them, and run its steps as that user.
        ! - Check that the build user owns and can write the parent directory.

        """)
  }

  @Test func rootOwnedMessage() {
    let error = Self.denied("tmp/pids", at: "tmp", owner: 0, mode: 0o755)
    let hint = PlatformHint(creationFailure: error, buildUser: 1001)
    #expect(
      DiagnosticRenderer.render(ApplyError.cannotCreateDirectory(error, hint: hint).diagnostic)
        == """
        ! Cannot create a directory listed in `create`
        !
        ! Creating `tmp` failed: EACCES (Permission denied) (`tmp/pids`).
        !
        ! The app directory is owned by uid 0 with mode 755: the platform mounted a volume there (kpack and Shipwright use an `emptyDir`), and only its owner can change it.
        !
        ! How to fix it:
        ! - Build from a subdirectory of the source, which the build user checks out and owns: kpack `spec.source.subPath`, Shipwright `spec.source.contextDir`.
        ! - Check that the build user owns and can write the parent directory.

        """)
  }

  @Test func deepParentMessage() {
    let error = Self.denied("tmp/cache/a", at: "tmp/cache", owner: 0, mode: 0o755)
    #expect(
      DiagnosticRenderer.render(ApplyError.cannotCreateDirectory(error).diagnostic) == """
        ! Cannot create a directory listed in `create`
        !
        ! Creating `tmp/cache` failed: EACCES (Permission denied) (`tmp/cache/a`).
        !
        ! Its parent, `tmp`, is owned by uid 0 with mode 755.
        !
        ! How to fix it:
        ! - Check that the build user owns and can write the parent directory.

        """)
  }
}
