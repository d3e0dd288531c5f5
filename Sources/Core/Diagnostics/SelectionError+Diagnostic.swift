import FileSystem

extension SelectionError {
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
    let location = { (path: String) in
      DiagnosticLocation(file: "project.toml", key: "utility.group-writable.create", path: path)
    }
    switch self {
    case .outsideAppDirectory(let path):
      return Diagnostic(
        title: title,
        detail: ["\(DiagnosticText.code(path)) is not a relative path inside the app directory."],
        location: location(path),
        suggestions: ["Use a path relative to the app root without `..`, such as `tmp/pids`."])
    case .symbolicLink(let path, let component):
      return Diagnostic(
        title: title,
        detail: [
          "\(DiagnosticText.code(component)) is a symbolic link, and `create` never goes through "
            + "symbolic links (\(DiagnosticText.code(path)))."
        ],
        location: location(path),
        suggestions: ["Name the real directory instead of the link, or remove the link."])
    case .notDirectory(let path, let component):
      return Diagnostic(
        title: title,
        detail: ["\(DiagnosticText.code(component)) exists and is not a directory (\(DiagnosticText.code(path)))."],
        location: location(path),
        suggestions: ["Remove or rename the file, or change the `create` entry."])
    case .systemError(let path, let component, let error):
      return Diagnostic(
        title: title,
        detail: ["Creating \(DiagnosticText.code(component)) failed: \(error) (\(DiagnosticText.code(path)))."],
        location: location(path),
        suggestions: ["Check that the build user owns and can write the parent directory."])
    }
  }
}
