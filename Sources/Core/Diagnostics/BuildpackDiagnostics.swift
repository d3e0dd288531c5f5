/// Diagnostics for problems with what the lifecycle handed the buildpack.
public enum BuildpackDiagnostics {
  /// `CNB_LAYERS_DIR` is not set and no positional argument gave it.
  public static let missingLayersDirectory = Diagnostic(
    title: "No layers directory",
    detail: [
      "`bin/build` needs `CNB_LAYERS_DIR` (Buildpack API 0.8 and later) or the layers directory as "
        + "its first argument, and got neither."
    ],
    suggestions: [
      "Run the buildpack through a CNB platform such as `pack build`, or use `group-writable apply` "
        + "outside a build."
    ])
}
