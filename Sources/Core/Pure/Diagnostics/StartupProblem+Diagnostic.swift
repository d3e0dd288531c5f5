import FileSystem

extension StartupProblem {
  /// The warning the start-up check prints.
  public var diagnostic: Diagnostic {
    switch self {
    case .cannotPrepareEphemeral(let path, let error):
      let shown = DiagnosticText.quoted(path + "/")
      let (why, fix): (String, String)
      switch error {
      case .notOwned(let place, let owner):
        why = "\(DiagnosticText.code(place)) belongs to uid \(owner), not to this process's user, so it is not used"
        fix = "Remove \(DiagnosticText.code(place)) or start the container with a fresh `/tmp` (an `emptyDir`)."
      case .notDirectory(let place):
        why = "\(DiagnosticText.code(place)) is a symbolic link or not a directory, and none is followed"
        fix = "Start the container with a fresh `/tmp` (an `emptyDir`)."
      case .systemError(let place, let errno):
        why = "making \(DiagnosticText.code(place)) failed: \(errno)"
        fix = errno == .readOnlyFileSystem
          ? "Mount a writable volume at `/tmp` (a Kubernetes `emptyDir`, or `docker run --tmpfs /tmp`)."
          : "Check that this user may write `/tmp` (or set `ephemeral-base` to a writable place)."
      }
      return Diagnostic(
        severity: .warning, title: "\(shown) has no writable place",
        detail: ["\(shown) is a link the build made to a place made writable at start, but \(why)."],
        suggestions: [fix])
    case .cannotCopySeed(let path, let target, let error):
      return Diagnostic(
        severity: .warning, title: "Could not copy the build's contents of \(DiagnosticText.quoted(path + "/"))",
        detail: [
          "Copying what \(DiagnosticText.quoted(path + "/")) held at build time into \(DiagnosticText.code(target)) "
            + "failed: \(error). The directory is there, but some files are missing."
        ],
        suggestions: ["Check the free space and the limits of the volume at \(DiagnosticText.code(target))."])
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
        suggestions: ["Find the step that replaces \(DiagnosticText.quoted(component)) after the build."])
    }
  }
}
