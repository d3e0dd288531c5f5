import FileSystem
import Patterns
import Testing

@testable import Core

#if canImport(Glibc)
  import Glibc
#endif

/// Exact text of the start-up check's and the ephemeral directories' messages (snapshots, reviewed).
@Suite struct StartupMessageTextTests {
  @Test func ephemeralPlaceSomebodyElseOwns() {
    #expect(
      DiagnosticRenderer.render(
        StartupProblem.cannotPrepareEphemeral(
          path: "tmp", .notOwned(path: "/tmp/group-writable", owner: 4242)
        ).diagnostic) == """
          ! `tmp/` leads into a place another user controls
          !
          ! `tmp/` is a link the build made into `/tmp/group-writable`, which belongs to uid 4242, not to this process's user (nor, above the base, to root): that user may put a link there that sends the app's writes into any file the app can write. The app was not started: it would write where that user chooses.
          !
          ! How to fix it:
          ! - Remove `/tmp/group-writable` and start again, or start the container with a fresh `/tmp` (a Kubernetes `emptyDir`, or `docker run --tmpfs /tmp`).
          ! - Or set `ephemeral-base` (`BP_GROUP_WRITABLE_EPHEMERAL_BASE`) to a place below directories that only root and the run user can write, and build again.

          """)
  }

  @Test func ephemeralPlaceOthersMayRename() {
    #expect(
      DiagnosticRenderer.render(
        StartupProblem.cannotPrepareEphemeral(
          path: "tmp", .othersMayRename(path: "/tmp", permissions: 0o777)
        ).diagnostic) == """
          ! `tmp/` leads into a place another user controls
          !
          ! `tmp/` is a link the build made into `/tmp`, which has mode 777: it is writable by other users without the sticky bit, so any of them may rename what it holds and put their own directory in its place, even after this check. The app was not started: it would write where that user chooses.
          !
          ! How to fix it:
          ! - Give `/tmp` the sticky bit, as `/tmp` has (`chmod 1777`, for example in an init container; `docker run --tmpfs /tmp` makes `/tmp` 1777).
          ! - Or set `ephemeral-base` (`BP_GROUP_WRITABLE_EPHEMERAL_BASE`) to a place below directories that only root and the run user can write, and build again.

          """)
  }

  @Test func ephemeralPlaceIsALink() {
    #expect(
      DiagnosticRenderer.render(
        StartupProblem.cannotPrepareEphemeral(
          path: "tmp", .notDirectory(path: "/tmp/group-writable")
        ).diagnostic) == """
          ! `tmp/` leads into a place another user controls
          !
          ! `tmp/` is a link the build made into `/tmp/group-writable`, which is a symbolic link or not a directory: the app's writes would go wherever it leads, and the start-up check follows none. The app was not started: it would write where that user chooses.
          !
          ! How to fix it:
          ! - Remove `/tmp/group-writable` and start again, or start the container with a fresh `/tmp` (a Kubernetes `emptyDir`, or `docker run --tmpfs /tmp`).
          ! - Or set `ephemeral-base` (`BP_GROUP_WRITABLE_EPHEMERAL_BASE`) to a place below directories that only root and the run user can write, and build again.

          """)
  }

  @Test func ephemeralPlaceOnAReadOnlyTmp() {
    #expect(
      DiagnosticRenderer.render(
        StartupProblem.cannotPrepareEphemeral(
          path: "tmp", .systemError(path: "/tmp/group-writable", .readOnlyFileSystem)
        ).diagnostic) == """
          ! Warning: `tmp/` has no writable place
          !
          ! `tmp/` is a link the build made to a place made writable at start, but making `/tmp/group-writable` failed: EROFS (Read-only file system).
          !
          ! How to fix it:
          ! - Mount a writable volume at `/tmp` (a Kubernetes `emptyDir`, or `docker run --tmpfs /tmp`).

          """)
  }

  @Test func ephemeralPlaceDenied() {
    #expect(
      DiagnosticRenderer.render(
        StartupProblem.cannotPrepareEphemeral(
          path: "tmp", .systemError(path: "/tmp/group-writable", .permissionDenied)
        ).diagnostic) == """
          ! Warning: `tmp/` has no writable place
          !
          ! `tmp/` is a link the build made to a place made writable at start, but making `/tmp/group-writable` failed: EACCES (Permission denied).
          !
          ! How to fix it:
          ! - Check that this user may write `/tmp` (or set `ephemeral-base` to a writable place).

          """)
  }

  @Test func seedNotCopied() {
    let failures = [
      CopyFailure(entry: Array("cache/caf".utf8) + [0xE9], error: .permissionDenied),
      CopyFailure(entry: Array("big.log".utf8), error: .fileTooLarge),
      CopyFailure(entry: Array("sessions".utf8), error: Errno(rawValue: ENOSPC)),
    ]
    #expect(
      DiagnosticRenderer.render(
        StartupProblem.cannotCopySeed(
          path: "tmp", target: "/tmp/group-writable/tmp", failures: failures, count: 14
        ).diagnostic) == """
          ! Warning: Some of the build's contents of `tmp/` were not copied
          !
          ! Copying what `tmp/` held at build time into `/tmp/group-writable/tmp` failed for 14 entries; the rest were copied:
          ! - `tmp/cache/caf\\xE9`: EACCES (Permission denied)
          ! - `tmp/big.log`: EFBIG (File too large)
          ! - `tmp/sessions`: ENOSPC (No space left on device)
          ! - and 11 more entries
          !
          ! How to fix it:
          ! - Let the run user read what the build left in `tmp/` (group read, and search on directories), or remove it in the build.
          ! - Build again: the contents grew past the caps after the build (1,000 entries, 16 MiB (16777216 bytes) of files).
          ! - Free space on the volume at `/tmp/group-writable/tmp`, or give it a larger size limit.

          """)
    #expect(
      DiagnosticRenderer.render(
        StartupProblem.cannotCopySeed(
          path: "tmp", target: "/x/tmp",
          failures: [CopyFailure(entry: [], error: .tooManySymbolicLinks)], count: 1
        ).diagnostic) == """
          ! Warning: Some of the build's contents of `tmp/` were not copied
          !
          ! Copying what `tmp/` held at build time into `/x/tmp` failed for 1 entry; the rest were copied:
          ! - `tmp/`: ELOOP (Too many levels of symbolic links)
          !
          ! How to fix it:
          ! - Check each entry named above in the image and the volume at `/x/tmp`.

          """)
  }

  @Test func ephemeralLinkMissing() {
    #expect(
      DiagnosticRenderer.render(
        StartupProblem.ephemeralLinkMissing(path: "tmp", target: "/tmp/group-writable/tmp")
          .diagnostic) == """
          ! Warning: `tmp/` is missing
          !
          ! The build made `tmp/` a link to `/tmp/group-writable/tmp`, but it is not in the container.
          !
          ! How to fix it:
          ! - Find the step that removes it after `utility/group-writable` ran.

          """)
  }

  @Test func cannotRecreate() {
    #expect(
      DiagnosticRenderer.render(
        StartupProblem.cannotRecreate(path: "tmp/pids", .permissionDenied).diagnostic) == """
          ! Warning: `tmp/pids/` is missing and could not be made again
          !
          ! The build made `tmp/pids/`, and it is not there (a volume mounted over its parent hides it); making it again as this process's user failed: EACCES (Permission denied).
          !
          ! How to fix it:
          ! - Make the mounted volume writable by the run user's group (Kubernetes `fsGroup`), or list the directory under `ephemeral`.

          """)
  }

  @Test func symlinkNotInImage() {
    #expect(
      DiagnosticRenderer.render(
        StartupProblem.symlinkNotInImage(path: "tmp/pids", component: "tmp").diagnostic) == """
          ! Warning: `tmp/pids/` was not made again
          !
          ! The way to it goes through `tmp`, which is not the directory or link the build left, and the start-up check never follows a symbolic link the image did not have.
          !
          ! How to fix it:
          ! - Find the step that replaces `tmp` after the build.

          """)
  }

  @Test func ephemeralThroughASymlink() {
    #expect(
      DiagnosticRenderer.render(
        ApplyError.cannotLinkEphemeral(path: "tmp", .symbolicLinkOnTheWay(component: "var"))
          .diagnostic) == """
          ! Cannot make `tmp` ephemeral
          !
          ! `var` is a symbolic link, and the build never goes through one.
          !
          ! How to fix it:
          ! - Name the real directory in `ephemeral`, or remove the link.

          """)
  }

  @Test func ephemeralNotADirectory() {
    #expect(
      DiagnosticRenderer.render(
        ApplyError.cannotLinkEphemeral(path: "tmp", .notDirectory).diagnostic) == """
          ! Cannot make `tmp` ephemeral
          !
          ! `tmp` exists and is not a directory.
          !
          ! How to fix it:
          ! - List only directories under `ephemeral`.

          """)
  }

  @Test func ephemeralAlreadyAnotherLink() {
    #expect(
      DiagnosticRenderer.render(
        ApplyError.cannotLinkEphemeral(path: "tmp", .otherLink(target: "/etc")).diagnostic) == """
          ! Cannot make `tmp` ephemeral
          !
          ! `tmp` is already a symbolic link, to `/etc`.
          !
          ! How to fix it:
          ! - Remove the link in the step that makes it, or leave `tmp` out of `ephemeral`.

          """)
  }

  @Test func ephemeralLinkFailed() {
    #expect(
      DiagnosticRenderer.render(
        ApplyError.cannotLinkEphemeral(path: "tmp", .systemError(.permissionDenied)).diagnostic)
          == """
          ! Cannot make `tmp` ephemeral
          !
          ! Turning `tmp` into a link failed: EACCES (Permission denied).
          !
          ! How to fix it:
          ! - Check that the build user owns `tmp` and its parent directory.

          """)
  }

  @Test func ephemeralTooLarge() {
    #expect(
      DiagnosticRenderer.render(ApplyError.ephemeralTooLarge(path: "tmp", limit: 1000).diagnostic)
        == """
        ! Cannot make `tmp` ephemeral
        !
        ! `tmp` holds more than 1,000 entries. An `ephemeral` directory's build-time contents are copied to its writable place at every container start, so they must stay small.
        !
        ! How to fix it:
        ! - Keep only what the app writes at run time in `tmp` (move the rest elsewhere), or mount a volume there instead (a Kubernetes `emptyDir`) and leave it out of `ephemeral`.

        """)
  }

  @Test func ephemeralTooManyBytes() {
    #expect(
      DiagnosticRenderer.render(
        ApplyError.ephemeralTooManyBytes(path: "tmp", bytes: 400_000_000, limit: 16_777_216)
          .diagnostic) == """
          ! Cannot make `tmp` ephemeral
          !
          ! The files in `tmp` hold 400,000,000 bytes, more than 16 MiB (16777216 bytes). An `ephemeral` directory's build-time contents are copied to its writable place (often memory, a `tmpfs`) at every container start, so they must stay small.
          !
          ! How to fix it:
          ! - Keep only what the app writes at run time in `tmp` (move large files elsewhere in the app), or mount a volume there instead (a Kubernetes `emptyDir`) and leave it out of `ephemeral`.

          """)
  }

  @Test func rootOnAReadOnlyFileSystem() {
    #expect(
      DiagnosticRenderer.render(
        RootCheck(root: "tmp/", problem: .readOnlyFileSystem).diagnostic(appPath: "/workspace"))
          == """
          ! Warning: `tmp/` is on a read-only file system
          !
          ! The container's file system is mounted read-only (for example Kubernetes `readOnlyRootFilesystem: true`), so `tmp/` will not be writable whatever its mode.
          !
          ! How to fix it:
          ! - Mount a writable volume at `/workspace/tmp` (a Kubernetes `emptyDir`, or `docker run --tmpfs /workspace/tmp`); the start-up check makes the directories the build created in it again. In the pod spec:
          !   volumeMounts: [{ name: tmp, mountPath: /workspace/tmp }]
          !   volumes: [{ name: tmp, emptyDir: {} }]
          ! - Or list it under `ephemeral` (`ephemeral = ["tmp"]` in `[utility.group-writable]`, or `BP_GROUP_WRITABLE_EPHEMERAL`): the build makes it a link to a place under `/tmp`, so only `/tmp` needs a writable volume.

          """)
  }

  @Test func openShiftRunsInGroupZero() {
    #expect(
      DiagnosticRenderer.render(
        RootCheck(
          root: "tmp/",
          problem: .groupNotHeld(
            group: 1000,
            identity: ProcessIdentity(userID: 1_000_680_000, groupID: 0, supplementaryGroups: [0]))
        ).diagnostic(appPath: "/workspace")) == """
          ! Warning: `tmp/` is not writable: the process is not in group 1000
          !
          ! `tmp/` is writable by group 1000, but this process runs as uid 1000680000 with groups 0.
          !
          ! The process is in group 0, as OpenShift runs containers (an arbitrary uid in group 0), but the image's files belong to group 1000.
          !
          ! How to fix it:
          ! - Build with `pack build --gid 0` (the lifecycle then gives every file group 0), so any uid OpenShift picks can write what the build selected.
          ! - Run the container with group 1000: `docker run --group-add 1000`, or in Kubernetes `securityContext.supplementalGroups: [1000]` or `fsGroup: 1000`.

          """)
  }
}
