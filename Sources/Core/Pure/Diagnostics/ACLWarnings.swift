/// The warnings about ACLs shared by the run's report and the audit.
enum ACLWarnings {
  /// Entries `paths` that users or groups named in their ACL may write; `buildRemovesIt` adds that the build
  /// removes that write itself from what the build user owns.
  static func writable(_ paths: SampledPaths, buildRemovesIt: Bool) -> Diagnostic {
    var fix = "Remove the ACL in the step that creates them (`setfacl -b PATH`)."
    if buildRemovesIt {
      fix +=
        " The build removes that write itself from what the build user owns, unless `keep-world-writable` is on."
    }
    return Diagnostic(
      severity: .warning,
      title: "\(CountText.of(paths.total, "entry", "entries")) writable through an ACL",
      detail: [
        "Users or groups named in the ACL of these may write them, beyond the build group (`getfacl PATH` "
          + "shows who): \(paths.listText)."
      ],
      suggestions: [fix])
  }

  /// Group-writable directories `paths` with a default ACL.
  static func defaultACL(_ paths: SampledPaths) -> Diagnostic {
    let count = CountText.of(paths.total, "group-writable directory", "group-writable directories")
    return Diagnostic(
      severity: .warning, title: "\(count) with a default ACL",
      detail: [
        "Entries made in these inherit their default ACL, which may let the users and groups it names write "
          + "them: \(paths.listText)."
      ],
      suggestions: [
        "Remove the default ACL in the step that creates the directory (`setfacl -k DIR`)."
      ])
  }
}
