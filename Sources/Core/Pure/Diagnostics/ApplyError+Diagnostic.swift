import FileSystem
import Patterns

extension ApplyError {
  /// The diagnostic for a run that could not start.
  public var diagnostic: Diagnostic {
    switch self {
    case .cannotCreateDirectory(let error):
      return error.diagnostic
    }
  }
}

extension DirectoryCreationError {
  /// The diagnostic for a `create` directory that could not be made.
  public var diagnostic: Diagnostic {
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
    case .systemError(let path, let component, let error):
      return Diagnostic(
        title: title,
        detail: ["Creating \(Self.code(component)) failed: \(error) (\(Self.code(path)))."],
        suggestions: ["Check that the build user owns and can write the parent directory."])
    }
  }

  private static func code(_ path: RelativePath) -> String {
    DiagnosticText.code(bytes: path.bytes)
  }
}
