extension Report {
  /// Warnings about ACLs and file capabilities: entries left alone, write others keep, what could not be read.
  /// Write kept through an ACL and default ACLs are left to the audit's warnings when the run audited.
  var accessWarnings: [Diagnostic] {
    var result: [Diagnostic] = []
    if !changes.capabilityFiles.isEmpty {
      result.append(
        Diagnostic(
          severity: .warning,
          title:
            "\(CountText.of(changes.capabilityFiles.total, "file")) with capabilities not made group-writable",
          detail: [
            "A file with capabilities (`security.capability`) gives them to whoever runs it, so a group that could "
              + "change it could run its own code with them: \(changes.capabilityFiles.listText)."
          ],
          suggestions: [
            "Remove the capabilities in the step that sets them (`setcap -r FILE`) if the file must be writable, "
              + "or exclude it with a `!` pattern."
          ]))
    }
    if !changes.aclEntries.isEmpty {
      let count = CountText.of(changes.aclEntries.total, "selected entry", "selected entries")
      result.append(
        Diagnostic(
          severity: .warning, title: "\(count) with an ACL not made group-writable",
          detail: [
            "With an access ACL the group bits are the ACL's mask: making them writable would let every user and "
              + "group the ACL names with write access write too, and gives the owning group write only if its "
              + "own ACL entry has it: \(changes.aclEntries.listText)."
          ],
          suggestions: [
            "Remove the ACL in the step that creates them (`setfacl -b PATH`; `getfacl PATH` shows it)."
          ]))
    }
    if !changes.aclWriteKept.isEmpty && audit == nil {
      result.append(ACLWarnings.writable(changes.aclWriteKept, buildRemovesIt: true))
    }
    if !changes.defaultACLDirectories.isEmpty && audit == nil {
      result.append(ACLWarnings.defaultACL(changes.defaultACLDirectories))
    }
    if !changes.attributesUnread.isEmpty {
      result.append(
        Diagnostic(
          severity: .warning,
          title:
            "The ACL and capabilities of \(CountText.of(changes.attributesUnread.total, "entry", "entries")) "
            + "could not be read",
          detail: [
            "So the build could not check whether they let others write: \(changes.attributesUnread.listText)."
          ],
          suggestions: [
            "Run `getfacl PATH` as the build user to see why, and fix it in the step that creates them."
          ]))
    }
    return result
  }
}
