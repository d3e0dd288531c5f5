import FileSystem
import Testing

@testable import Core

#if canImport(Glibc)
  import Glibc
#endif

/// Exact text of the messages about ACLs, file capabilities and entries the kernel refused to change.
@Suite struct AccessMessageTextTests {
  static func rendered(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map(DiagnosticRenderer.render)
  }

  @Test func selectedEntriesWithCapabilitiesOrAnACL() {
    var report = Report()
    report.changes.capabilityFiles.add("bin/tool")
    report.changes.aclEntries.add("storage/file")
    #expect(
      Self.rendered(report.accessWarnings) == [
        """
        ! Warning: 1 file with capabilities not made group-writable
        !
        ! A file with capabilities (`security.capability`) gives them to whoever runs it, so a group that could change it could run its own code with them: `bin/tool`.
        !
        ! How to fix it:
        ! - Remove the capabilities in the step that sets them (`setcap -r FILE`) if the file must be writable, or exclude it with a `!` pattern.

        """,
        """
        ! Warning: 1 selected entry with an ACL not made group-writable
        !
        ! With an access ACL the group bits are the ACL's mask: making them writable would let every user and group the ACL names with write access write too, and gives the owning group write only if its own ACL entry has it: `storage/file`.
        !
        ! How to fix it:
        ! - Remove the ACL in the step that creates them (`setfacl -b PATH`; `getfacl PATH` shows it).

        """,
      ])
  }

  @Test func writeKeptThroughAnACLAndDefaultACLsAreTheAuditsWhenTheRunAudited() {
    var report = Report()
    report.changes.aclWriteKept.add("config/root.yml")
    report.changes.defaultACLDirectories.add("uploads/")
    report.changes.attributesUnread.add("odd")
    #expect(
      Self.rendered(report.accessWarnings) == [
        """
        ! Warning: 1 entry writable through an ACL
        !
        ! Users or groups named in the ACL of these may write them, beyond the build group (`getfacl PATH` shows who): `config/root.yml`.
        !
        ! How to fix it:
        ! - Remove the ACL in the step that creates them (`setfacl -b PATH`). The build removes that write itself from what the build user owns, unless `keep-world-writable` is on.

        """,
        """
        ! Warning: 1 group-writable directory with a default ACL
        !
        ! Entries made in these inherit their default ACL, which may let the users and groups it names write them: `uploads/`.
        !
        ! How to fix it:
        ! - Remove the default ACL in the step that creates the directory (`setfacl -k DIR`).

        """,
        """
        ! Warning: The ACL and capabilities of 1 entry could not be read
        !
        ! So the build could not check whether they let others write: `odd`.
        !
        ! How to fix it:
        ! - Run `getfacl PATH` as the build user to see why, and fix it in the step that creates them.

        """,
      ])
    report.audit = AuditFindings(userID: 1001)
    #expect(
      report.accessWarnings.map(\.title) == [
        "The ACL and capabilities of 1 entry could not be read"
      ])
  }

  @Test func theAuditsACLAndCapabilityFindings() {
    var findings = AuditFindings(userID: 1001)
    findings.aclWritable.add("config/app.yml")
    findings.writableCapabilityFiles.add("bin/tool")
    findings.defaultACLDirectories.add("uploads/")
    #expect(findings.hasFindings && findings.isComplete)
    #expect(
      Self.rendered(findings.diagnostics()) == [
        """
        ! Warning: 1 entry writable through an ACL
        !
        ! Users or groups named in the ACL of these may write them, beyond the build group (`getfacl PATH` shows who): `config/app.yml`.
        !
        ! How to fix it:
        ! - Remove the ACL in the step that creates them (`setfacl -b PATH`).

        """,
        """
        ! Warning: 1 file with capabilities that others may write
        !
        ! Whoever runs a file with capabilities gets them, so whoever may change it can run code with them: `bin/tool`.
        !
        ! How to fix it:
        ! - Remove the capabilities (`setcap -r FILE`) or the group and world write (`chmod go-w FILE`) in the step that creates them.

        """,
        """
        ! Warning: 1 group-writable directory with a default ACL
        !
        ! Entries made in these inherit their default ACL, which may let the users and groups it names write them: `uploads/`.
        !
        ! How to fix it:
        ! - Remove the default ACL in the step that creates the directory (`setfacl -k DIR`).

        """,
      ])
    var unreadable = AuditFindings(userID: 1001)
    unreadable.unreadAttributes.add("odd")
    #expect(
      DiagnosticRenderer.render(unreadable.incompleteDiagnostic) == """
        ! Warning: The audit could not read the ACL and capabilities of 1 entry
        !
        ! Others may write these, and whether an ACL or capabilities make that worse was not seen: `odd`.
        !
        ! How to fix it:
        ! - Run `getfacl PATH` as the build user to see why, and fix it in the step that creates them.

        """)
  }

  @Test func aModeChangeRefusedByAnAttributeOrAReadOnlyFileSystemIsNotCalledAnOwnershipProblem() {
    var report = Report()
    report.failures.add(
      EntryFailure(
        path: "log/", cause: .cannotChangeMode(errno: EPERM, owner: 1001, buildUser: 1001)))
    report.failures.add(
      EntryFailure(
        path: "mnt/", cause: .cannotChangeMode(errno: EROFS, owner: 1001, buildUser: 1001)))
    report.failures.add(EntryFailure(path: "tmp/", cause: .cannotReadAttributes(errno: EACCES)))
    let rendered = report.failureDiagnostic(buildUser: 1001).map(DiagnosticRenderer.render)
    #expect(
      rendered == """
        ! Cannot give the group write access to 3 paths
        !
        ! The build user cannot read or change these entries:
        ! - `log/`: cannot change its mode: EPERM (Operation not permitted), although the build user may change it: an immutable or append-only attribute (`chattr +i`, `chattr +a`) refuses every change
        ! - `mnt/`: cannot change its mode: EROFS (Read-only file system): the file system is mounted read-only
        ! - `tmp/`: cannot read its ACL and capabilities: EACCES (Permission denied)
        !
        ! How to fix it:
        ! - Remove the attribute in the step that sets it (`lsattr PATH` shows it, `chattr -i -a PATH` removes it).
        ! - Mount these paths writable for the build, or leave them out of the selection.
        ! - Make unreadable directories readable by the build user in the step that creates them (`chmod u+rx DIR`).
        ! - If the app does not need to write them, leave them out of the selection with a `!` pattern (or anchor the patterns, so the walk does not enter them).

        """)
  }
}
