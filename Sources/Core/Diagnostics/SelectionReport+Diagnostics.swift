import FileSystem
import Patterns

extension SelectionReport {
  /// The warnings a run produced, in a fixed order.
  public var warningDiagnostics: [Diagnostic] {
    var result = unmatchedPatterns.map(Self.unmatched)
    if let permissions = rootWithoutGroupSearch {
      result.append(
        Diagnostic(
          severity: .warning, title: "The app directory is not searchable by its group",
          detail: [
            "The app directory has mode \(String(permissions & 0o7777, radix: 8)), without group search "
              + "(`g+x`), so the run user cannot reach anything inside it. Only whole-app mode changes "
              + "the app directory itself."
          ],
          suggestions: [
            "Add group search in an earlier build step (`chmod g+x .`), or set "
              + "`BP_GROUP_WRITABLE=true` with no patterns to make the whole app group-writable."
          ]))
    }
    if hardLinkedFiles.total > 0 {
      result.append(
        Diagnostic(
          severity: .warning,
          title: "\(Self.files(hardLinkedFiles.total)) with more than one hard link not changed",
          detail: [
            "A file with several hard links may share its data with a file outside the app directory, "
              + "so its mode is left as it is: \(hardLinkedFiles.listText)."
          ],
          suggestions: [
            "Replace the hard link with a copy (`cp --remove-destination SOURCE FILE`) if the file "
              + "must be writable at run time."
          ]))
    }
    if setIDFiles.total > 0 {
      result.append(
        Diagnostic(
          severity: .warning,
          title: "\(Self.files(setIDFiles.total)) with the setuid or setgid bit not made group-writable",
          detail: [
            "A writable setuid or setgid file would let the group change what runs with its owner's "
              + "privileges: \(setIDFiles.listText)."
          ],
          suggestions: [
            "Remove the bit (`chmod u-s,g-s FILE`) if the file must be writable, or exclude it with a "
              + "`!` pattern."
          ]))
    }
    if changedDuringWalk.total > 0 {
      result.append(
        Diagnostic(
          severity: .warning,
          title: "\(changedDuringWalk.total == 1 ? "1 entry" : "\(changedDuringWalk.total) entries") "
            + "changed during the walk",
          detail: [
            "These vanished or changed type while the app directory was being walked, and were left "
              + "alone: \(changedDuringWalk.listText)."
          ],
          suggestions: ["Make sure no other process writes to the app directory during the build."]))
    }
    return result
  }

  /// The error for entries that could not be changed, or nil when there were none.
  public var failureDiagnostic: Diagnostic? {
    guard failuresTotal > 0 else { return nil }
    var lines = failures.map { "- \(DiagnosticText.code($0.path)): \(Self.reason($0.failure))" }
    if failuresTotal > failures.count { lines.append("- … and \(failuresTotal - failures.count) more") }
    var buildUsers: Set<UInt32> = []
    var unreadable = false
    for failure in failures {
      switch failure.failure {
      case .notOwned(_, let buildUser), .cannotChangeMode(_, _, let buildUser):
        buildUsers.insert(buildUser)
      case .cannotOpenDirectory, .cannotReadStatus:
        unreadable = true
      }
    }
    var suggestions: [String] = []
    if let buildUser = buildUsers.min() {
      suggestions.append(
        "Make these paths owned by the build user (uid \(buildUser)) in the step that creates them "
          + "(`chown -R \(buildUser) PATH`), or create them in a later build step.")
    }
    if unreadable {
      suggestions.append(
        "Make unreadable directories readable by the build user in the step that creates them "
          + "(`chmod u+rx DIR`).")
    }
    suggestions.append(
      "If the app does not need to write them, leave them out of the selection with a `!` pattern "
        + "(or anchor the patterns, so the walk does not enter them).")
    let count = failuresTotal == 1 ? "1 path" : "\(failuresTotal) paths"
    return Diagnostic(
      title: "Cannot give the group write access to \(count)",
      detail: ["The build user cannot read or change these entries:\n" + lines.joined(separator: "\n")],
      suggestions: suggestions)
  }

  static func unmatched(_ pattern: Pattern) -> Diagnostic {
    Diagnostic(
      severity: .warning, title: "Pattern \(DiagnosticText.code(bytes: pattern.bytes)) matched nothing",
      detail: [
        "The pattern \(DiagnosticText.code(bytes: pattern.bytes)) (\(pattern.origin.source), line "
          + "\(pattern.origin.line)) selected no path in the app directory."
      ],
      location: DiagnosticLocation(file: pattern.origin.source, line: pattern.origin.line),
      suggestions: [
        "Check it for a typo: `group-writable check PATH` shows which pattern decides for a path.",
        "If the path only appears at run time, list the directory under `create` instead.",
      ])
  }

  static func reason(_ failure: WalkFailure) -> String {
    switch failure {
    case .notOwned(let owner, let buildUser):
      return "owned by uid \(owner); the build user is uid \(buildUser)"
    case .cannotOpenDirectory(let error):
      return "cannot open the directory: \(error)"
    case .cannotReadStatus(let error):
      return "cannot read its status: \(error)"
    case .cannotChangeMode(let error, let owner, let buildUser):
      return "cannot change its mode: \(error) (owned by uid \(owner); the build user is uid \(buildUser))"
    }
  }

  static func files(_ count: Int) -> String { count == 1 ? "1 file" : "\(count) files" }

}
