import FileSystem
import Patterns

#if canImport(Glibc)
  import Glibc
#endif

extension StartupProblem {
  /// The warning the start-up check prints.
  public var diagnostic: Diagnostic {
    switch self {
    case .cannotPrepareEphemeral(let path, let error):
      return Self.unprepared(path: path, error)
    case .cannotCopySeed(let path, let target, let failures, let count):
      return Self.seedNotCopied(path: path, target: target, failures: failures, count: count)
    case .ephemeralLinkMissing(let path, let target):
      return Diagnostic(
        severity: .warning, title: "\(DiagnosticText.quoted(path + "/")) is missing",
        detail: [
          "The build made \(DiagnosticText.quoted(path + "/")) a link to \(DiagnosticText.code(target)), but it is "
            + "not in the container."
        ],
        suggestions: ["Find the step that removes it after `utility/group-writable` ran."])
    case .cannotRecreate(let path, let error):
      let shown = DiagnosticText.quoted(path + "/")
      return Diagnostic(
        severity: .warning, title: "\(shown) is missing and could not be made again",
        detail: [
          "The build made \(shown), and it is not there (a volume mounted over its parent hides it); making it "
            + "again as this process's user failed: \(error)."
        ],
        suggestions: [
          "Make the mounted volume writable by the run user's group (Kubernetes `fsGroup`), or list the directory "
            + "under `ephemeral`."
        ])
    case .symlinkNotInImage(let path, let component):
      return Diagnostic(
        severity: .warning, title: "\(DiagnosticText.quoted(path + "/")) was not made again",
        detail: [
          "The way to it goes through \(DiagnosticText.quoted(component)), which is not the directory or link the "
            + "build left, and the start-up check never follows a symbolic link the image did not have."
        ],
        suggestions: [
          "Find the step that replaces \(DiagnosticText.quoted(component)) after the build."
        ])
    }
  }

  /// The fix that always works: a base below directories only root and the run user can write.
  private static let otherBase =
    "Or set `ephemeral-base` (`BP_GROUP_WRITABLE_EPHEMERAL_BASE`) to a place below directories that only root "
    + "and the run user can write, and build again."

  /// An `ephemeral` directory's writable place could not be made or is not safe.
  private static func unprepared(path: String, _ error: OwnedDirectoryError) -> Diagnostic {
    let shown = DiagnosticText.quoted(path + "/")
    let stopped = "The app was not started: it would write where that user chooses."
    switch error {
    case .notOwned(let place, let owner):
      return Diagnostic(
        severity: .error, title: "\(shown) leads into a place another user controls",
        detail: [
          "\(shown) is a link the build made into \(DiagnosticText.code(place)), which belongs to uid \(owner), "
            + "not to this process's user (nor, above the base, to root): that user may put a link there that "
            + "sends the app's writes into any file the app can write. \(stopped)"
        ],
        suggestions: [
          "Remove \(DiagnosticText.code(place)) and start again, or start the container with a fresh `/tmp` "
            + "(a Kubernetes `emptyDir`, or `docker run --tmpfs /tmp`).",
          otherBase,
        ])
    case .othersMayRename(let place, let permissions):
      return Diagnostic(
        severity: .error, title: "\(shown) leads into a place another user controls",
        detail: [
          "\(shown) is a link the build made into \(DiagnosticText.code(place)), which has mode "
            + "\(CountText.mode(Int(permissions))): it is writable by other users without the sticky bit, so any of "
            + "them may rename what it holds and put their own directory in its place, even after this check. "
            + "\(stopped)"
        ],
        suggestions: [
          "Give \(DiagnosticText.code(place)) the sticky bit, as `/tmp` has (`chmod 1777`, for example in an init "
            + "container; `docker run --tmpfs /tmp` makes `/tmp` 1777).",
          otherBase,
        ])
    case .notDirectory(let place):
      return Diagnostic(
        severity: .error, title: "\(shown) leads into a place another user controls",
        detail: [
          "\(shown) is a link the build made into \(DiagnosticText.code(place)), which is a symbolic link or not "
            + "a directory: the app's writes would go wherever it leads, and the start-up check follows none. "
            + stopped
        ],
        suggestions: [
          "Remove \(DiagnosticText.code(place)) and start again, or start the container with a fresh `/tmp` "
            + "(a Kubernetes `emptyDir`, or `docker run --tmpfs /tmp`).",
          otherBase,
        ])
    case .systemError(let place, let errno):
      let fix =
        errno == .readOnlyFileSystem
        ? "Mount a writable volume at `/tmp` (a Kubernetes `emptyDir`, or `docker run --tmpfs /tmp`)."
        : "Check that this user may write `/tmp` (or set `ephemeral-base` to a writable place)."
      return Diagnostic(
        severity: .warning, title: "\(shown) has no writable place",
        detail: [
          "\(shown) is a link the build made to a place made writable at start, but making "
            + "\(DiagnosticText.code(place)) failed: \(errno)."
        ],
        suggestions: [fix])
    }
  }

  /// Entries of a seed that were not copied.
  private static func seedNotCopied(
    path: String, target: String, failures: [CopyFailure], count: Int
  ) -> Diagnostic {
    let shown = DiagnosticText.quoted(path + "/")
    var lines = failures.map { failure in
      let entry =
        failure.entry.isEmpty ? path + "/" : path + "/" + EscapedText.escaping(failure.entry)
      return "- \(DiagnosticText.quoted(entry)): \(failure.error)"
    }
    if count > failures.count {
      lines.append("- and \(CountText.of(count - failures.count, "more entry", "more entries"))")
    }
    var fixes: [String] = []
    let errors = failures.map(\.error)
    if errors.contains(where: { $0 == .permissionDenied }) {
      fixes.append(
        "Let the run user read what the build left in \(shown) (group read, and search on directories), or "
          + "remove it in the build.")
    }
    if errors.contains(where: { $0 == .fileTooLarge }) {
      fixes.append(
        "Build again: the contents grew past the caps after the build (\(CountText.number(EphemeralLimits.seedEntries)) "
          + "entries, \(DiagnosticText.byteCount(EphemeralLimits.seedBytes)) of files).")
    }
    if errors.contains(where: { $0 == Errno(rawValue: ENOSPC) || $0 == Errno(rawValue: EDQUOT) }) {
      fixes.append(
        "Free space on the volume at \(DiagnosticText.code(target)), or give it a larger size limit."
      )
    }
    if fixes.isEmpty {
      fixes.append(
        "Check each entry named above in the image and the volume at \(DiagnosticText.code(target))."
      )
    }
    return Diagnostic(
      severity: .warning, title: "Some of the build's contents of \(shown) were not copied",
      detail: [
        "Copying what \(shown) held at build time into \(DiagnosticText.code(target)) failed for "
          + "\(CountText.of(count, "entry", "entries")); the rest were copied:\n"
          + lines.joined(separator: "\n")
      ],
      suggestions: fixes)
  }
}
