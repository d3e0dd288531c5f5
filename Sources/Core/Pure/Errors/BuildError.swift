import FileSystem

/// Why `bin/build` failed before or after the run itself.
public enum BuildError: Error, Equatable, Sendable {
  /// `CNB_LAYERS_DIR` is not set and no positional argument gave it.
  case missingLayersDirectory
  /// The launch layer could not be written.
  case cannotWriteLayer(LayerWriteError)
}

/// Why a file of the launch layer could not be written; every case names the step and the path.
public enum LayerWriteError: Error, Equatable, Sendable {
  /// The layers directory (`CNB_LAYERS_DIR`) could not be opened.
  case cannotOpenLayersDirectory(path: String, Errno)
  /// A directory of the layer could not be made or opened (a symlink or a FIFO in its place is refused).
  case cannotOpenDirectory(path: String, Errno)
  /// A file could not be written in place of `path` (atomically, through a temporary file).
  case cannotWriteFile(path: String, Errno)
  /// The running executable could not be read, to copy it into `exec.d`.
  case cannotReadExecutable(path: String, Errno)
}

/// What the build reports and goes on after.
public enum BuildWarning: Error, Equatable, Sendable {
  /// The previous image's `<layer>.toml` (restored by the lifecycle) could not be read or is not metadata this
  /// buildpack wrote; the build compares nothing with the previous image.
  case previousMetadataUnusable(path: String, reason: String)
}
