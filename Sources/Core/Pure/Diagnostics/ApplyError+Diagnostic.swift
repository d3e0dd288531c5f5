import FileSystem
import Patterns

extension ApplyError {
  /// The diagnostic for a run that could not start.
  public var diagnostic: Diagnostic {
    switch self {
    case .cannotCreateDirectory(let error, let hint):
      return error.diagnostic(hint: hint)
    case .cannotLinkEphemeral(let path, let error):
      return Self.linkDiagnostic(path, error)
    case .ephemeralTooLarge(let path, let limit):
      let shown = DiagnosticText.code(bytes: path.bytes)
      return Diagnostic(
        title: "Cannot make \(shown) ephemeral",
        detail: [
          "\(shown) holds more than \(CountText.of(limit, "entry", "entries")). An `ephemeral` directory's build-time "
            + "contents are copied to its writable place at every container start, so they must stay small."
        ],
        suggestions: [
          "Keep only what the app writes at run time in \(shown) (move the rest elsewhere), or mount a volume "
            + "there instead (a Kubernetes `emptyDir`) and leave it out of `ephemeral`."
        ])
    case .ephemeralTooManyBytes(let path, let bytes, let limit):
      let shown = DiagnosticText.code(bytes: path.bytes)
      return Diagnostic(
        title: "Cannot make \(shown) ephemeral",
        detail: [
          "The files in \(shown) hold \(CountText.of(bytes, "byte")), more than \(DiagnosticText.byteCount(limit)). "
            + "An `ephemeral` directory's build-time contents are copied to its writable place (often memory, a "
            + "`tmpfs`) at every container start, so they must stay small."
        ],
        suggestions: [
          "Keep only what the app writes at run time in \(shown) (move large files elsewhere in the app), or mount "
            + "a volume there instead (a Kubernetes `emptyDir`) and leave it out of `ephemeral`."
        ])
    }
  }

  private static func linkDiagnostic(_ path: RelativePath, _ error: LinkError) -> Diagnostic {
    let shown = DiagnosticText.code(bytes: path.bytes)
    let title = "Cannot make \(shown) ephemeral"
    switch error {
    case .symbolicLinkOnTheWay(let component):
      return Diagnostic(
        title: title,
        detail: [
          "\(DiagnosticText.code(bytes: component.bytes)) is a symbolic link, and the build never goes through one."
        ],
        suggestions: ["Name the real directory in `ephemeral`, or remove the link."])
    case .notDirectory:
      return Diagnostic(
        title: title,
        detail: ["\(shown) exists and is not a directory."],
        suggestions: ["List only directories under `ephemeral`."])
    case .otherLink(let target):
      return Diagnostic(
        title: title,
        detail: ["\(shown) is already a symbolic link, to \(DiagnosticText.code(target))."],
        suggestions: [
          "Remove the link in the step that makes it, or leave \(shown) out of `ephemeral`."
        ])
    case .systemError(let errno):
      return Diagnostic(
        title: title,
        detail: ["Turning \(shown) into a link failed: \(errno)."],
        suggestions: ["Check that the build user owns \(shown) and its parent directory."])
    }
  }
}

extension DirectoryCreationError {
  /// The diagnostic for a `create` directory that could not be made; `hint` adds the platform's side.
  public func diagnostic(hint: PlatformHint? = nil) -> Diagnostic {
    let title = "Cannot create a directory listed in `create`"
    switch self {
    case .symbolicLink(let path, let component):
      return Diagnostic(
        title: title,
        detail: [
          "\(Self.code(component)) is a symbolic link, and `create` never goes through symbolic links "
            + "(\(Self.code(path)))."
        ],
        suggestions: ["Name the real directory instead of the link, or remove the link."])
    case .notDirectory(let path, let component):
      return Diagnostic(
        title: title,
        detail: ["\(Self.code(component)) exists and is not a directory (\(Self.code(path)))."],
        suggestions: ["Remove or rename the file, or change the `create` entry."])
    case .systemError(let path, let component, let error, let parent):
      var detail = ["Creating \(Self.code(component)) failed: \(error) (\(Self.code(path)))."]
      var suggestions = ["Check that the build user owns and can write the parent directory."]
      if let hint, case .rootOwnedVolume = hint {
        detail.append(hint.explanation)
      } else if let parent {
        let depth = component.components.count
        let name = depth > 1 ? Self.code(component.prefix(depth - 1)) : "the app directory"
        let owned =
          "Its parent, \(name), is owned by uid \(parent.userID) with mode "
          + CountText.mode(Int(parent.permissions))
        detail.append(hint == nil ? owned + "." : owned + ": " + PlatformHint.handedOver + ".")
      }
      if let hint { suggestions.insert(hint.fix, at: 0) }
      return Diagnostic(title: title, detail: detail, suggestions: suggestions)
    }
  }

  private static func code(_ path: RelativePath) -> String {
    DiagnosticText.code(bytes: path.bytes)
  }
}
