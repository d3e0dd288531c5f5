/// Why the layer files could not be written.
public enum LayerWriteError: Error, Equatable, Sendable {
  /// Creating or writing `path` failed.
  case cannotWrite(path: String, reason: String)

  /// The diagnostic for it.
  public var diagnostic: Diagnostic {
    switch self {
    case .cannotWrite(let path, let reason):
      return Diagnostic(
        title: "Cannot write the launch layer",
        detail: ["Writing \(DiagnosticText.code(path)) failed: \(reason)."],
        location: DiagnosticLocation(path: path),
        suggestions: ["Check that `CNB_LAYERS_DIR` points at a directory the build user can write."])
    }
  }
}
