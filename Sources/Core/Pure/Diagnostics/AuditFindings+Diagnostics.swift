extension AuditFindings {
  /// One warning per kind of finding; `appDirectory` tells whether the platform owns the app directory.
  public func diagnostics(appDirectory: AppDirectoryFacts? = nil) -> [Diagnostic] {
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
    if !setIDExecutables.isEmpty {
      result.append(
        Diagnostic(
          severity: .warning,
          title:
            "\(CountText.of(setIDExecutables.total, "setuid or setgid executable")) in the app directory",
          detail: [
            "CBPP-0002: a container file system should have no setuid or setgid binaries: "
              + "\(setIDExecutables.listText)."
          ],
          suggestions: [
            "Remove the bits in the step that creates the files (`chmod u-s,g-s FILE`)."
          ]))
    }
    if !worldWritable.isEmpty {
      result.append(
        Diagnostic(
          severity: .warning,
          title:
            "\(CountText.of(worldWritable.total, "world-writable entry", "world-writable entries")) "
            + "in the app directory",
          detail: [
            "Anyone may write these (`o+w`) after the build, which this buildpack never adds: "
              + "\(worldWritable.listText)."
          ],
          suggestions: [
            "Leave `keep-world-writable` off (the default), so the build removes world write from what the build "
              + "user owns; remove it from the rest in the step that creates them (`chmod o-w PATH`)."
          ]))
    }
    result += accessDiagnostics
    if !otherFileSystems.isEmpty { result.append(OtherFileSystems.diagnostic(otherFileSystems)) }
    if !foreignOwned.isEmpty && !runsAsRoot {
      let owners = foreignOwners.map { "uid \($0)" }.joined(separator: ", ")
      let hint = PlatformHint(appDirectory: appDirectory, owners: foreignOwners, buildUser: userID)
      var detail = [
        "The build user is uid \(userID); these are owned by \(owners): \(foreignOwned.listText)."
      ]
      if let hint { detail.append(hint.explanation) }
      result.append(
        Diagnostic(
          severity: .warning,
          title:
            "\(CountText.of(foreignOwned.total, "entry", "entries")) not owned by the build user",
          detail: detail,
          suggestions: [
            hint?.fix
              ?? "Create them as the build user, or `chown` them in the step that creates them."
          ]))
    }
    if !isComplete {
      result.append(incompleteDiagnostic)
    }
    return result
  }

  /// The warning (or, for `audit`, the error) that parts of the app directory could not be read.
  public var incompleteDiagnostic: Diagnostic {
    guard !unread.isEmpty else {
      return Diagnostic(
        severity: .warning,
        title: "The audit could not read the ACL and capabilities of "
          + "\(CountText.of(unreadAttributes.total, "entry", "entries"))",
        detail: [
          "Others may write these, and whether an ACL or capabilities make that worse was not seen: "
            + "\(unreadAttributes.listText)."
        ],
        suggestions: [
          "Run `getfacl PATH` as the build user to see why, and fix it in the step that creates them."
        ])
    }
    return Diagnostic(
      severity: .warning,
      title: "The audit could not read \(CountText.of(unread.total, "directory", "directories"))",
      detail: [
        "Nothing below these was checked, so setuid files or world-writable entries there were not seen: "
          + "\(unread.listText)."
      ],
      suggestions: [
        "Make them readable by the build user (`chmod u+rx DIR`) in the step that creates them, or remove them."
      ])
  }

  /// Warnings about ACLs that let named users write and capability files others may write.
  private var accessDiagnostics: [Diagnostic] {
    var result: [Diagnostic] = []
    if !aclWritable.isEmpty {
      result.append(ACLWarnings.writable(aclWritable, buildRemovesIt: false))
    }
    if !writableCapabilityFiles.isEmpty {
      result.append(
        Diagnostic(
          severity: .warning,
          title:
            "\(CountText.of(writableCapabilityFiles.total, "file")) with capabilities that others may write",
          detail: [
            "Whoever runs a file with capabilities gets them, so whoever may change it can run code with them: "
              + "\(writableCapabilityFiles.listText)."
          ],
          suggestions: [
            "Remove the capabilities (`setcap -r FILE`) or the group and world write (`chmod go-w FILE`) in the "
              + "step that creates them."
          ]))
    }
    if !defaultACLDirectories.isEmpty {
      result.append(ACLWarnings.defaultACL(defaultACLDirectories))
    }
    return result
  }
}
