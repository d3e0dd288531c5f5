import ChildProcessSupport
import FileSystem
import Patterns
import Testing

@testable import Core

/// Exact text of every message of the run and the audit (snapshots, reviewed).
@Suite(.spawnedTOMLParser) struct MessageTextTests {
  static var kpack: Report {
    var report = Report()
    report.changes.groupWritableOutside.add("app/")
    report.changes.groupWritableOutside.add("config/")
    report.changes.closedDirectories.add("db/")
    report.changes.closedDatabaseDirectories.add("./")
    report.changes.unread.add("secret/")
    report.changes.keptByPlatform.add(ModeChange(path: "./", from: 0o2777, to: 0o2775))
    report.changes.keptByPlatformOwners = [0]
    report.appDirectory = AppDirectoryFacts(
      owner: 0, group: 1000, modeBefore: 0o2777, modeAfter: 0o2777)
    return report
  }

  static var tekton: Report {
    var report = Report()
    report.changes.keptByPlatform.add(ModeChange(path: "log/", from: 0o777, to: 0o775))
    report.changes.keptByPlatformOwners = [1000]
    return report
  }

  static var tektonFailure: Report {
    var report = tekton
    report.failures.add(EntryFailure(path: "tmp/", cause: .notOwned(owner: 1000, buildUser: 1001)))
    return report
  }

  static var manyUnmatched: Report {
    var report = Report()
    for index in 0..<7 {
      let origin = PatternOrigin(source: "s", line: index + 1)
      if let pattern = PatternParser.parseLine(Array("/p\(index)/".utf8), origin: origin) {
        report.unmatched.add(PatternCount(index: index, pattern: pattern, matches: 0, selected: 0))
      }
    }
    return report
  }

  static var audit: AuditFindings {
    var findings = AuditFindings(userID: 1001)
    findings.worldWritable.add("shared")
    findings.foreignOwned.add("./")
    findings.noteOwner(0)
    findings.unread.add("secret/")
    return findings
  }

  static var unread: SampledPaths {
    var sample = SampledPaths(limit: 20)
    sample.add("secret/")
    return sample
  }

  var kpack: Report { Self.kpack }
  var tekton: Report { Self.tekton }
  var tektonFailure: Report { Self.tektonFailure }
  var manyUnmatched: Report { Self.manyUnmatched }
  var audit: AuditFindings { Self.audit }
  var unread: SampledPaths { Self.unread }

  @Test func theRunsWarningsComeInThisOrder() {
    #expect(kpack.warningDiagnostics(buildUser: 1001).count == 5)
    #expect(audit.diagnostics(appDirectory: kpack.appDirectory).count == 3)
  }

  @Test func keptByPlatformOnARootOwnedVolume() {
    #expect(
      DiagnosticRenderer.render(kpack.warningDiagnostics(buildUser: 1001)[0]) == """
        ! Warning: 1 entry left as the platform made them
        !
        ! The build user (uid 1001) cannot change entries it does not own (here uid 0). They already have what the selection needs, so the build goes on, but they keep their other bits: `./` 2777 → 2775.
        !
        ! The app directory is owned by uid 0 with mode 2777: the platform mounted a volume there (kpack and Shipwright use an `emptyDir`), and only its owner can change it.
        !
        ! How to fix it:
        ! - Build from a subdirectory of the source, which the build user checks out and owns: kpack `spec.source.subPath`, Shipwright `spec.source.contextDir`.

        """)
  }

  @Test func databaseInAClosedDirectory() {
    #expect(
      DiagnosticRenderer.render(kpack.warningDiagnostics(buildUser: 1001)[1]) == """
        ! Warning: SQLite databases in directories the build user cannot open to the group
        !
        ! SQLite creates its journal (`-journal`, `-wal`, `-shm`) next to the database, so writes will fail with "attempt to write a readonly database": the build user does not own `./`.
        !
        ! How to fix it:
        ! - Keep the database in a directory of the app that the build user owns, such as `db/`, and select it (`/db/*.sqlite3`).

        """)
  }

  @Test func databaseCompanionsTheRunUserCannotWrite() {
    var report = Report()
    report.changes.closedDatabaseCompanions.add("db/production.sqlite3-shm")
    report.changes.closedDatabaseCompanions.add("db/production.sqlite3-wal")
    #expect(
      DiagnosticRenderer.render(report.warningDiagnostics(buildUser: 1001)) == """
        ! Warning: SQLite files next to a database that the run user cannot write
        !
        ! The build left `db/production.sqlite3-shm`, `db/production.sqlite3-wal` without group write in a database directory, whose sticky bit keeps the run user from replacing them too, so opening the database will fail ("unable to open database file" or "attempt to write a readonly database").
        !
        ! How to fix it:
        ! - End the build step that writes the database with a checkpoint that removes them (`PRAGMA wal_checkpoint(TRUNCATE)` then `PRAGMA journal_mode=DELETE`), or delete them after it.
        ! - Or select them too, with a pattern such as `/db/*.sqlite3*`.

        """)
  }

  @Test func groupWritableOutsideTheSelection() {
    #expect(
      DiagnosticRenderer.render(kpack.warningDiagnostics(buildUser: 1001)[2]) == """
        ! Warning: 2 entries outside the selection already group-writable
        !
        ! They arrived group-writable (with the source's modes, for example from a Windows host or a umask of 002), so the run user can change them too: `app/`, `config/`.
        !
        ! How to fix it:
        ! - Set `exclusive = true` in `[utility.group-writable]` (or `BP_GROUP_WRITABLE_EXCLUSIVE=true`) so only the selection stays group-writable.
        ! - Or select them on purpose with a pattern.

        """)
  }

  @Test func selectedFilesInClosedDirectories() {
    #expect(
      DiagnosticRenderer.render(kpack.warningDiagnostics(buildUser: 1001)[3]) == """
        ! Warning: Selected files in directories the group cannot write
        !
        ! The run user can write these directories' selected files in place, but cannot create files next to them, so saving by writing a new file and renaming it over the old one will fail: `db/`.
        !
        ! How to fix it:
        ! - Select the directory instead (a pattern such as `/log/`), or list it under `create`, if the app saves files there atomically or makes new ones.

        """)
  }

  @Test func unreadDirectories() {
    #expect(
      DiagnosticRenderer.render(kpack.warningDiagnostics(buildUser: 1001)[4]) == """
        ! Warning: 1 directory could not be read
        !
        ! The build could not open these, so it could not remove world write or check anything below them: `secret/`.
        !
        ! How to fix it:
        ! - Make them readable by the build user (`chmod u+rx DIR`) in the step that creates them, or remove them.

        """)
  }

  @Test func keptByPlatformAfterAChownToAnotherUser() {
    #expect(
      DiagnosticRenderer.render(tekton.warningDiagnostics(buildUser: 1001)[0]) == """
        ! Warning: 1 entry left as the platform made them
        !
        ! The build user (uid 1001) cannot change entries it does not own (here uid 1000). They already have what the selection needs, so the build goes on, but they keep their other bits: `log/` 777 → 775.
        !
        ! These are owned by uid 1000, not by the build user: a platform step handed the source to that user (Tekton's `buildpacks` task runs `chown -R` with its `USER_ID` and `GROUP_ID` parameters).
        !
        ! How to fix it:
        ! - Run the platform's steps as the builder's build user (`CNB_USER_ID` and `CNB_GROUP_ID` of the builder image, such as 1001 and 1000 on Paketo jammy): for Tekton, set the task's `USER_ID` and `GROUP_ID` to them, and run its steps as that user.

        """)
  }

  @Test func failureAfterAChownToAnotherUser() {
    #expect(
      (tektonFailure.failureDiagnostic(buildUser: 1001)).map(DiagnosticRenderer.render) == """
        ! Cannot give the group write access to 1 path
        !
        ! The build user cannot read or change these entries:
        ! - `tmp/`: owned by uid 1000; the build user is uid 1001
        !
        ! How to fix it:
        ! - Run the platform's steps as the builder's build user (`CNB_USER_ID` and `CNB_GROUP_ID` of the builder image, such as 1001 and 1000 on Paketo jammy): for Tekton, set the task's `USER_ID` and `GROUP_ID` to them, and run its steps as that user.
        ! - Make these paths owned by the build user (uid 1001) in the step that creates them (`chown -R 1001 PATH`), or create them in a later build step.
        ! - If the app does not need to write them, leave them out of the selection with a `!` pattern (or anchor the patterns, so the walk does not enter them).

        """)
  }

  @Test func manyUnmatchedPatterns() {
    #expect(
      DiagnosticRenderer.render(manyUnmatched.warningDiagnostics(buildUser: 1)[0]) == """
        ! Warning: 7 patterns matched nothing
        !
        ! These patterns selected no path in the app directory: `/p0/`, `/p1/`, `/p2/`, `/p3/`, `/p4/`, `/p5/`, `/p6/`.
        !
        ! How to fix it:
        ! - Check them for typos: `group-writable check PATH` shows which pattern decides for a path.
        ! - If the paths only appear at run time, list their directories under `create` instead.

        """)
  }

  @Test func auditWorldWritable() {
    #expect(
      DiagnosticRenderer.render(audit.diagnostics(appDirectory: kpack.appDirectory)[0]) == """
        ! Warning: 1 world-writable entry in the app directory
        !
        ! Anyone may write these (`o+w`) after the build, which this buildpack never adds: `shared`.
        !
        ! How to fix it:
        ! - Leave `keep-world-writable` off (the default), so the build removes world write from what the build user owns; remove it from the rest in the step that creates them (`chmod o-w PATH`).

        """)
  }

  @Test func auditForeignOwnedOnARootOwnedVolume() {
    #expect(
      DiagnosticRenderer.render(audit.diagnostics(appDirectory: kpack.appDirectory)[1]) == """
        ! Warning: 1 entry not owned by the build user
        !
        ! The build user is uid 1001; these are owned by uid 0: `./`.
        !
        ! The app directory is owned by uid 0 with mode 2777: the platform mounted a volume there (kpack and Shipwright use an `emptyDir`), and only its owner can change it.
        !
        ! How to fix it:
        ! - Build from a subdirectory of the source, which the build user checks out and owns: kpack `spec.source.subPath`, Shipwright `spec.source.contextDir`.

        """)
  }

  @Test func auditIncomplete() {
    #expect(
      DiagnosticRenderer.render(audit.diagnostics(appDirectory: kpack.appDirectory)[2]) == """
        ! Warning: The audit could not read 1 directory
        !
        ! Nothing below these was checked, so setuid files or world-writable entries there were not seen: `secret/`.
        !
        ! How to fix it:
        ! - Make them readable by the build user (`chmod u+rx DIR`) in the step that creates them, or remove them.

        """)
  }
}
