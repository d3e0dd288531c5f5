extension SuggestionNote {
  /// The warning `trace` prints for the note.
  public var diagnostic: Diagnostic {
    switch self {
    case .appDirectoryEntries(let paths):
      return Diagnostic(
        severity: .warning,
        title: "The app writes names directly in the app directory",
        detail: [
          "These need the app directory itself writable, which no pattern makes: \(Self.list(paths)). Only "
            + "whole-app mode (`BP_GROUP_WRITABLE=true` with no patterns) makes the root writable, or, with the "
            + "sticky bit, a selected SQLite database at the root."
        ],
        suggestions: [
          "Have the app write these in a subdirectory (`tmp/`, `log/`) and select that directory."
        ])
    case .needsOwner(let paths):
      return Diagnostic(
        severity: .warning,
        title: "The app changes modes, owners or times that only the owner may change",
        detail: [
          "Group write cannot grant `chmod`, `chown` or setting explicit times on an entry the build user owns: "
            + "\(Self.list(paths))."
        ],
        suggestions: [
          "Have the app skip these changes at run time (the build can set the modes), or make these files at run "
            + "time in a writable directory, so the run user owns them."
        ])
    case .readOnlyFileSystem(let paths):
      return Diagnostic(
        severity: .warning,
        title: "Writes failed on a read-only file system",
        detail: [
          "No mode makes these writable: \(Self.list(paths)). The patterns are suggested all the same."
        ],
        suggestions: [
          "Mount a volume (an `emptyDir`) at the writable directories, or list them in `ephemeral` so they live "
            + "under `/tmp` at run time (docs/READ-ONLY.md)."
        ])
    }
  }

  /// The first paths, in backticks, and how many more.
  private static func list(_ paths: [String]) -> String {
    let shown = paths.prefix(ReportLimits.pathsPerNotice).map { DiagnosticText.quoted($0) }
    let more = paths.count - shown.count
    return shown.joined(separator: ", ") + (more > 0 ? " and \(CountText.number(more)) more" : "")
  }
}
