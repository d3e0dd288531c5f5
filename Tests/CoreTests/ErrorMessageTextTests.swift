import ChildProcessSupport
import FileSystem
import Patterns
import Testing

@testable import Core

/// Exact text of the build's and the command line's errors (snapshots, reviewed).
@Suite(.spawnedTOMLParser) struct ErrorMessageTextTests {
  var unread: SampledPaths {
    var sample = SampledPaths(limit: 20)
    sample.add("secret/")
    return sample
  }

  @Test func missingLayersDirectory() {
    #expect(
      DiagnosticRenderer.render(BuildError.missingLayersDirectory.diagnostic) == """
        ! No layers directory
        !
        ! `bin/build` needs `CNB_LAYERS_DIR` (Buildpack API 0.8 and later) or the layers directory as its first argument, and got neither.
        !
        ! How to fix it:
        ! - Run the buildpack through a CNB platform such as `pack build`, or use `group-writable apply` outside a build.

        """)
  }

  @Test func cannotOpenLayersDirectory() {
    #expect(
      DiagnosticRenderer.render(
        BuildError.cannotWriteLayer(
          .cannotOpenLayersDirectory(path: "/layers/x", .noSuchFileOrDirectory)
        ).diagnostic) == """
          ! Cannot write the launch layer
          !
          ! Opening the layers directory `/layers/x` failed: ENOENT (No such file or directory).
          !
          ! How to fix it:
          ! - Check that `CNB_LAYERS_DIR` points at a directory the build user can write.

          """)
  }

  @Test func cannotOpenLayerDirectory() {
    #expect(
      DiagnosticRenderer.render(
        LayerWriteError.cannotOpenDirectory(path: "/layers/x/group-writable", .notDirectory)
          .diagnostic) == """
          ! Cannot write the launch layer
          !
          ! Making or opening `/layers/x/group-writable` failed: ENOTDIR (Not a directory). The layer's directories are never followed through a symbolic link.
          !
          ! How to fix it:
          ! - Remove whatever an earlier buildpack put at `/layers/x/group-writable` (a symbolic link or a file), or check that the build user can write the layers directory.

          """)
  }

  @Test func cannotWriteLayerFile() {
    #expect(
      DiagnosticRenderer.render(
        LayerWriteError.cannotWriteFile(path: "/layers/x/launch.toml", .isDirectory).diagnostic)
          == """
          ! Cannot write the launch layer
          !
          ! Writing `/layers/x/launch.toml` (a new file renamed into place) failed: EISDIR (Is a directory).
          !
          ! How to fix it:
          ! - Check that the build user can write the layers directory and that no directory stands at `/layers/x/launch.toml`.

          """)
  }

  @Test func cannotReadExecutable() {
    #expect(
      DiagnosticRenderer.render(
        LayerWriteError.cannotReadExecutable(path: "/proc/self/exe", .noSuchFileOrDirectory)
          .diagnostic) == """
          ! Cannot write the launch layer
          !
          ! Reading the running executable `/proc/self/exe`, to install the start-up check, failed: ENOENT (No such file or directory).
          !
          ! How to fix it:
          ! - Run the build with `/proc` mounted, as every CNB platform does.

          """)
  }

  @Test func cannotOpenApp() {
    #expect(
      DiagnosticRenderer.render(
        CommandError.cannotOpenApp(path: "/app", .noSuchFileOrDirectory).diagnostic) == """
          ! Cannot open the app directory
          !
          ! Opening `/app` failed: ENOENT (No such file or directory).
          !
          ! How to fix it:
          ! - Check `--app`, or run the command from the app directory.

          """)
  }

  @Test func noPatterns() {
    #expect(
      DiagnosticRenderer.render(
        CommandError.noPatterns(.notConfigured(file: "project.toml")).diagnostic) == """
          ! No patterns to use
          !
          ! No `--pattern` or `--patterns-file` was given, so the app's configuration is used, and: Not opted in: add a `[utility.group-writable]` table to `project.toml`, set `BP_GROUP_WRITABLE_PATHS`, or set `BP_GROUP_WRITABLE=true` to make the whole app group-writable.
          !
          ! How to fix it:
          ! - Give patterns with `-p PATTERN` or `--patterns-file FILE`.
          ! - Or configure the app: a `[utility.group-writable]` table in `project.toml`, or `BP_GROUP_WRITABLE_PATHS`.

          """)
  }

  @Test func patternsFileTooLarge() {
    #expect(
      DiagnosticRenderer.render(
        CommandError.cannotReadPatternsFile(path: "p", .fileTooLarge).diagnostic) == """
          ! Cannot read the patterns file
          !
          ! Reading `p` failed: it is larger than 1 MiB (1048576 bytes).
          !
          ! How to fix it:
          ! - Check the path, and that it is a readable gitignore-format file.

          """)
  }

  @Test func patternsFileNotRegular() {
    #expect(
      DiagnosticRenderer.render(
        CommandError.cannotReadPatternsFile(path: "p", .invalidArgument).diagnostic) == """
          ! Cannot read the patterns file
          !
          ! Reading `p` failed: it is not a regular file.
          !
          ! How to fix it:
          ! - Check the path, and that it is a readable gitignore-format file.

          """)
  }

  @Test func reportUnreadable() {
    #expect(
      DiagnosticRenderer.render(
        CommandError.cannotReadReport(path: "r.toml", .unreadable(.noSuchFileOrDirectory))
          .diagnostic) == """
          ! Cannot read the report
          !
          ! Reading `r.toml` as a `report.toml` with a `roots` array failed: ENOENT (No such file or directory).
          !
          ! How to fix it:
          ! - Give the `report.toml` from the `group-writable` launch layer, or leave `--report` out.

          """)
  }

  @Test func notAReport() {
    #expect(
      DiagnosticRenderer.render(
        CommandError.cannotReadReport(path: "r.toml", .notAReport(reason: "keyNotFound")).diagnostic
      ) == """
        ! Cannot read the report
        !
        ! Reading `r.toml` as a `report.toml` with a `roots` array failed: it is not a report (keyNotFound).
        !
        ! How to fix it:
        ! - Give the `report.toml` from the `group-writable` launch layer, or leave `--report` out.

        """)
  }

  @Test func incompleteList() {
    #expect(
      DiagnosticRenderer.render(
        CommandError.incomplete(command: "list", unread: unread, asRoot: false).diagnostic) == """
          ! Could not read 1 entry: the result of `list` is incomplete
          !
          ! A directory's entries, or an entry's status or attributes, could not be read: `secret/`. Nothing below such a directory was seen.
          !
          ! How to fix it:
          ! - Run the command as a user that can read them (the build user, or root), or make them readable (`chmod u+rx DIR`).

          """)
  }

  @Test func incompleteListAsRoot() {
    #expect(
      DiagnosticRenderer.render(
        CommandError.incomplete(command: "audit", unread: unread, asRoot: true).diagnostic) == """
          ! Could not read 1 entry: the result of `audit` is incomplete
          !
          ! A directory's entries, or an entry's status or attributes, could not be read: `secret/`. Nothing below such a directory was seen.
          !
          ! How to fix it:
          ! - Not even root could read them: look at them with `ls -ld` (a FUSE or NFS mount that squashes root, or a directory removed during the run), and run the command where they are readable.

          """)
  }

  @Test func cannotInspectPath() {
    #expect(
      DiagnosticRenderer.render(
        CommandError.cannotInspectPath(path: "secret/x", .permissionDenied).diagnostic) == """
          ! Cannot inspect `secret/x`
          !
          ! Whether `secret/x` is a directory decides which patterns apply, and reading it failed: EACCES (Permission denied).
          !
          ! How to fix it:
          ! - Run the command as a user that can read the app directory (the build user, or root).

          """)
  }

  @Test func createThroughSymlink() {
    #expect(
      DiagnosticRenderer.render(
        ApplyError.cannotCreateDirectory(.symbolicLink(path: "tmp/pids", component: "tmp"))
          .diagnostic) == """
          ! Cannot create a directory listed in `create`
          !
          ! `tmp` is a symbolic link, and `create` never goes through symbolic links (`tmp/pids`).
          !
          ! How to fix it:
          ! - Name the real directory instead of the link, or remove the link.

          """)
  }

  @Test func createOverAFile() {
    #expect(
      DiagnosticRenderer.render(
        ApplyError.cannotCreateDirectory(.notDirectory(path: "tmp/pids", component: "tmp"))
          .diagnostic) == """
          ! Cannot create a directory listed in `create`
          !
          ! `tmp` exists and is not a directory (`tmp/pids`).
          !
          ! How to fix it:
          ! - Remove or rename the file, or change the `create` entry.

          """)
  }

  @Test func createFailed() {
    #expect(
      DiagnosticRenderer.render(
        ApplyError.cannotCreateDirectory(
          .systemError(path: "tmp/pids", component: "tmp", .permissionDenied)
        ).diagnostic) == """
          ! Cannot create a directory listed in `create`
          !
          ! Creating `tmp` failed: EACCES (Permission denied) (`tmp/pids`).
          !
          ! How to fix it:
          ! - Check that the build user owns and can write the parent directory.

          """)
  }
}
