import Core
import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

/// Writes the launch layer into `CNB_LAYERS_DIR` by descriptor: `group-writable/report.toml`, the start-up check in
/// `group-writable/exec.d/` (and `bin/group-writable`, a link to it that runs the command line),
/// `group-writable.toml` and `launch.toml` (the image label).
///
/// Directories are opened with `O_NOFOLLOW`; every file is written as a new file and renamed into place, so a
/// symlink or FIFO an earlier buildpack left there is replaced, never followed or opened.
public struct LayerWriter {
  /// The launch layer's name.
  public static let layerName = "group-writable"
  /// The name of the layer's `bin/` link to the executable, which runs it as the command line.
  public static let commandName = "group-writable"
  /// The largest executable copied into `exec.d`.
  public static let executableLimit = 64 << 20
  /// The largest `<layer>.toml` read back from the previous image.
  public static let metadataLimit = 1 << 20

  private let layersPath: String

  /// A writer for the layers directory at `layersPath`.
  public init(layersPath: String) {
    self.layersPath = layersPath
  }

  /// Writes every file of the layer; `executable` is the file copied as the start-up check.
  public func write(_ report: Report, executable: String) throws(LayerWriteError) {
    let layers = try openLayers()
    defer { layers.close() }
    let layer = try openDirectory(
      Self.layerName, in: layers, shown: "\(layersPath)/\(Self.layerName)")
    defer { layer.close() }
    try replace("report.toml", in: layer, with: Array(ReportText.toml(report).utf8), mode: 0o644)
    let execD = try openDirectory("exec.d", in: layer, shown: path("exec.d"))
    defer { execD.close() }
    let binary: [UInt8]
    do {
      binary = try FileContents.read(path: executable, limit: Self.executableLimit)
    } catch {
      throw .cannotReadExecutable(path: executable, error)
    }
    try replace(
      RuntimeCheck.executableName, in: execD, with: binary, mode: 0o755,
      shown: path("exec.d/\(RuntimeCheck.executableName)"))
    // The command line, on the launcher's `PATH` (a layer's `bin/`): `launcher group-writable trace -- ...`.
    let bin = try openDirectory("bin", in: layer, shown: path("bin"))
    defer { bin.close() }
    do {
      try bin.replaceSymbolicLink(Self.commandName, to: "../exec.d/\(RuntimeCheck.executableName)")
    } catch {
      throw .cannotWriteFile(path: path("bin/\(Self.commandName)"), error)
    }
    try replace(
      "\(Self.layerName).toml", in: layers, with: Array(ReportText.layerTOML(report).utf8),
      mode: 0o644, shown: "\(layersPath)/\(Self.layerName).toml")
    try replace(
      "launch.toml", in: layers, with: Array(ReportText.launchTOML(report).utf8), mode: 0o644,
      shown: "\(layersPath)/launch.toml")
  }

  /// What the previous image recorded (its restored `<layer>.toml`): nil when there is none, else its metadata
  /// or why it cannot be used. It parses TOML in a child process first, so call it before any thread starts.
  public func previousMetadata() -> Result<LayerMetadata, BuildWarning>? {
    guard let layers = try? openLayers() else { return nil }
    defer { layers.close() }
    let name = "\(Self.layerName).toml"
    func unusable(_ reason: String) -> Result<LayerMetadata, BuildWarning> {
      .failure(.previousMetadataUnusable(path: "\(layersPath)/\(name)", reason: reason))
    }
    let bytes: [UInt8]
    do {
      bytes = try layers.readRegularFile(name, limit: Self.metadataLimit)
    } catch {
      switch error {
      case .noSuchFileOrDirectory: return nil
      case .fileTooLarge:
        return unusable("it is larger than \(DiagnosticText.byteCount(Self.metadataLimit))")
      case .tooManySymbolicLinks: return unusable("it is a symbolic link")
      case .invalidArgument: return unusable("it is not a regular file")
      default: return unusable("reading it failed: \(error)")
      }
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      return unusable("it is not UTF-8")
    }
    do {
      return .success(try ReportText.layerMetadata(fromTOML: text))
    } catch {
      return unusable(error.reason)
    }
  }

  private func openLayers() throws(LayerWriteError) -> FileDescriptor {
    do {
      return try AppDirectory.open(layersPath).descriptor
    } catch {
      throw .cannotOpenLayersDirectory(path: layersPath, error)
    }
  }

  private func openDirectory(
    _ name: String, in parent: FileDescriptor, shown: String
  ) throws(LayerWriteError) -> FileDescriptor {
    do {
      return try parent.openOrMakeDirectory(name, mode: 0o755)
    } catch {
      throw .cannotOpenDirectory(path: shown, error)
    }
  }

  private func replace(
    _ name: String, in directory: FileDescriptor, with bytes: [UInt8], mode: mode_t,
    shown: String? = nil
  ) throws(LayerWriteError) {
    let result = bytes.withUnsafeBytes { buffer in
      Result { () throws(Errno) in try directory.replaceFile(name, with: buffer, mode: mode) }
    }
    do {
      try result.get()
    } catch {
      throw .cannotWriteFile(path: shown ?? path(name), error)
    }
  }

  private func path(_ name: String) -> String { "\(layersPath)/\(Self.layerName)/\(name)" }
}
