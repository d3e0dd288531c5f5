import FileSystem

extension BuildError {
  /// The diagnostic for a build that failed outside the run.
  public var diagnostic: Diagnostic {
    switch self {
    case .missingLayersDirectory:
      return Diagnostic(
        title: "No layers directory",
        detail: [
          "`bin/build` needs `CNB_LAYERS_DIR` (Buildpack API 0.8 and later) or the layers directory as "
            + "its first argument, and got neither."
        ],
        suggestions: [
          "Run the buildpack through a CNB platform such as `pack build`, or use `group-writable apply` "
            + "outside a build."
        ])
    case .cannotWriteLayer(let error):
      return error.diagnostic
    }
  }
}

extension LayerWriteError {
  /// The diagnostic for a layer file that could not be written.
  public var diagnostic: Diagnostic {
    let title = "Cannot write the launch layer"
    switch self {
    case .cannotOpenLayersDirectory(let path, let error):
      return Diagnostic(
        title: title,
        detail: ["Opening the layers directory \(DiagnosticText.code(path)) failed: \(error)."],
        suggestions: ["Check that `CNB_LAYERS_DIR` points at a directory the build user can write."]
      )
    case .cannotOpenDirectory(let path, let error):
      return Diagnostic(
        title: title,
        detail: [
          "Making or opening \(DiagnosticText.code(path)) failed: \(error). The layer's directories are never "
            + "followed through a symbolic link."
        ],
        suggestions: [
          "Remove whatever an earlier buildpack put at \(DiagnosticText.code(path)) (a symbolic link or a file), "
            + "or check that the build user can write the layers directory."
        ])
    case .cannotWriteFile(let path, let error):
      return Diagnostic(
        title: title,
        detail: [
          "Writing \(DiagnosticText.code(path)) (a new file renamed into place) failed: \(error)."
        ],
        suggestions: [
          "Check that the build user can write the layers directory and that no directory stands at "
            + "\(DiagnosticText.code(path))."
        ])
    case .cannotReadExecutable(let path, let error):
      return Diagnostic(
        title: title,
        detail: [
          "Reading the running executable \(DiagnosticText.code(path)), to install the start-up check, failed: "
            + "\(error)."
        ],
        suggestions: ["Run the build with `/proc` mounted, as every CNB platform does."])
    }
  }
}

extension BuildWarning {
  /// The diagnostic for a problem the build goes on after.
  public var diagnostic: Diagnostic {
    switch self {
    case .previousMetadataUnusable(let path, let reason):
      return Diagnostic(
        severity: .warning,
        title: "Not comparing with the previous image",
        detail: [
          "The previous image's \(DiagnosticText.code(path)), which the lifecycle restored, cannot be used: "
            + "\(Report.shortened(DiagnosticText.message(reason))). It was read before anything was changed and is replaced by "
            + "this build's, so the next build compares again."
        ],
        suggestions: [
          "Only this buildpack writes that file: if the previous image was not built by it, rebuild from an "
            + "image you trust (`pack build` with a new image name, or after removing the old one)."
        ])
    }
  }
}
