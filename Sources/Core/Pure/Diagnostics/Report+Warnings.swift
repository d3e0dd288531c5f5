import FileSystem

extension Report {
  /// The warnings a run produced, in a fixed order; `buildUser` is the user the run ran as.
  public func warningDiagnostics(buildUser: Int) -> [Diagnostic] {
    var result = unmatchedWarnings
    if let permissions = rootWithoutGroupSearch {
      result.append(
        Diagnostic(
          severity: .warning, title: "The app directory is not searchable by its group",
          detail: [
            "The app directory has mode \(CountText.mode(permissions)), without group search (`g+x`), so the "
              + "run user cannot reach anything inside it. Only whole-app mode changes the app directory itself."
          ],
          suggestions: [
            "Add group search in an earlier build step (`chmod g+x .`), or set "
              + "`BP_GROUP_WRITABLE=true` with no patterns to make the whole app group-writable."
          ]))
    }
    result += skipWarnings
    result += accessWarnings
    result += platformWarnings(buildUser: buildUser)
    result += selectionShapeWarnings
    if !changes.unread.isEmpty {
      result.append(
        Diagnostic(
          severity: .warning,
          title:
            "\(CountText.of(changes.unread.total, "directory", "directories")) could not be read",
          detail: [
            "The build could not open these, so it could not remove world write or check anything below them: "
              + "\(changes.unread.listText)."
          ],
          suggestions: [
            "Make them readable by the build user (`chmod u+rx DIR`) in the step that creates them, or remove "
              + "them."
          ]))
    }
    if !changes.otherFileSystems.isEmpty && audit == nil {
      result.append(OtherFileSystems.diagnostic(changes.otherFileSystems))
    }
    return result
  }

  /// One warning per unmatched pattern, or one for all of them when there are many.
  private var unmatchedWarnings: [Diagnostic] {
    guard unmatched.total > ReportLimits.unmatchedPatternsWarnedOneByOne else {
      return unmatched.elements.map(Self.unmatchedWarning)
    }
    var list = unmatched.elements.map { DiagnosticText.quoted($0.pattern) }.joined(separator: ", ")
    if unmatched.isTruncated { list += " and \(CountText.number(unmatched.omitted)) more" }
    return [
      Diagnostic(
        severity: .warning, title: "\(CountText.number(unmatched.total)) patterns matched nothing",
        detail: ["These patterns selected no path in the app directory: \(list)."],
        suggestions: [
          "Check them for typos: `group-writable check PATH` shows which pattern decides for a path.",
          "If the paths only appear at run time, list their directories under `create` instead.",
        ])
    ]
  }

  static func unmatchedWarning(_ pattern: PatternCount) -> Diagnostic {
    Diagnostic(
      severity: .warning,
      title: "Pattern \(DiagnosticText.quoted(pattern.pattern)) matched nothing",
      detail: [
        "The pattern \(DiagnosticText.quoted(pattern.pattern)) (\(pattern.source), line \(pattern.line)) selected "
          + "no path in the app directory."
      ],
      suggestions: [
        "Check it for a typo: `group-writable check PATH` shows which pattern decides for a path.",
        "If the path only appears at run time, list the directory under `create` instead.",
      ])
  }

  /// Selected entries left alone: hard links, setuid/setgid files, entries that changed during the walk.
  private var skipWarnings: [Diagnostic] {
    var result: [Diagnostic] = []
    if !changes.hardLinkedFiles.isEmpty {
      result.append(
        Diagnostic(
          severity: .warning,
          title:
            "\(CountText.of(changes.hardLinkedFiles.total, "file")) with more than one hard link not changed",
          detail: [
            "A file with several hard links may share its data with a file outside the app directory, so its "
              + "mode is left as it is: \(changes.hardLinkedFiles.listText)."
          ],
          suggestions: [
            "Replace the hard link with a copy (`cp --remove-destination SOURCE FILE`) if the file must be "
              + "writable at run time."
          ]))
    }
    if !changes.setIDFiles.isEmpty {
      result.append(
        Diagnostic(
          severity: .warning,
          title:
            "\(CountText.of(changes.setIDFiles.total, "file")) with the setuid or setgid bit not made "
            + "group-writable",
          detail: [
            "A writable setuid or setgid file would let the group change what runs with its owner's privileges: "
              + "\(changes.setIDFiles.listText)."
          ],
          suggestions: [
            "Remove the bit (`chmod u-s,g-s FILE`) if the file must be writable, or exclude it with a `!` pattern."
          ]))
    }
    if !changes.reachedThroughOpenDirectory.isEmpty {
      let count = CountText.of(
        changes.reachedThroughOpenDirectory.total, "selected entry", "selected entries")
      result.append(
        Diagnostic(
          severity: .warning,
          title: "\(count) not made group-writable: anyone could have put them there",
          detail: [
            "This run may change any file (it runs as root), and these were found through a directory anyone "
              + "could rename entries in (world-writable, without the sticky bit), so another user may have moved "
              + "a different file to the selected name: \(changes.reachedThroughOpenDirectory.listText). The run "
              + "removed world write from those directories."
          ],
          suggestions: [
            "Run it again: nobody else can move entries there now.",
            "Or remove world write in the step that makes the directories (`chmod o-w DIR`).",
          ]))
    }
    if !changes.changedDuringWalk.isEmpty {
      result.append(
        Diagnostic(
          severity: .warning,
          title:
            "\(CountText.of(changes.changedDuringWalk.total, "entry", "entries")) changed during the walk",
          detail: [
            "These vanished or changed while the app directory was being walked, and were left alone: "
              + "\(changes.changedDuringWalk.listText)."
          ],
          suggestions: ["Make sure no other process writes to the app directory during the build."])
      )
    }
    return result
  }
}
