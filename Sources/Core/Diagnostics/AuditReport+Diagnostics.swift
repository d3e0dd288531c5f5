extension AuditReport {
  /// One warning per kind of finding.
  public var diagnostics: [Diagnostic] {
    var result: [Diagnostic] = []
    if runsAsRoot {
      result.append(
        Diagnostic(
          severity: .warning, title: "The build runs as root (uid 0)",
          detail: [
            "A secure CNB stack builds as an unprivileged user. As root, every file in the app directory "
              + "is owned by root and the run user can only write what its group may."
          ],
          suggestions: ["Use a builder whose build image sets `CNB_USER_ID` to a non-zero user."]))
    }
    if setIDExecutables.total > 0 {
      result.append(
        Diagnostic(
          severity: .warning,
          title: "\(Self.count(setIDExecutables.total, "setuid or setgid executable")) in the app directory",
          detail: [
            "CBPP-0002: a container file system should have no setuid or setgid binaries: "
              + "\(setIDExecutables.listText)."
          ],
          suggestions: ["Remove the bits in the step that creates the files (`chmod u-s,g-s FILE`)."]))
    }
    if worldWritable.total > 0 {
      result.append(
        Diagnostic(
          severity: .warning,
          title: "\(Self.count(worldWritable.total, "world-writable entry", "world-writable entries")) "
            + "in the app directory",
          detail: [
            "Anyone may write these (`o+w`), which this buildpack never adds: \(worldWritable.listText)."
          ],
          suggestions: [
            "Remove the bit (`chmod o-w PATH`) and let the group write instead, with a pattern."
          ]))
    }
    if foreignOwned.total > 0 && !runsAsRoot {
      let owners = foreignOwners.map { "uid \($0)" }.joined(separator: ", ")
      result.append(
        Diagnostic(
          severity: .warning,
          title: "\(Self.count(foreignOwned.total, "entry", "entries")) not owned by the build user",
          detail: [
            "The build user is uid \(userID); these are owned by \(owners): \(foreignOwned.listText)."
          ],
          suggestions: ["Create them as the build user, or `chown` them in the step that creates them."]))
    }
    return result
  }

  static func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(value) \(value == 1 ? singular : plural ?? singular + "s")"
  }

}
