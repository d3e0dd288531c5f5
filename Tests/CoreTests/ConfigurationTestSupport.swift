import Core
import FileSystem
import Patterns

/// An in-memory app directory for `ConfigurationLoader` tests: its files are regular files, their parents
/// directories, and `kinds` names other entries (links, FIFOs).
final class FakeAppFiles: AppFileReading, AppEntryProbing {
  /// File contents by relative path.
  var files: [String: [UInt8]]
  /// Errors to throw by relative path (checked before `files`).
  var errors: [String: AppFileError]
  /// Entries of other kinds by relative path (checked before `files`).
  var kinds: [String: FileKind]
  /// Every path read, in order.
  private(set) var reads: [String] = []

  init(
    files: [String: String] = [:], errors: [String: AppFileError] = [:],
    kinds: [String: FileKind] = [:]
  ) {
    self.files = files.mapValues { Array($0.utf8) }
    self.errors = errors
    self.kinds = kinds
  }

  func kind(of path: RelativePath) -> FileKind? {
    let text = path.description
    if let kind = kinds[text] { return kind }
    if files[text] != nil { return .regular }
    let isParent = { (other: String) in other.hasPrefix(text + "/") }
    return files.keys.contains(where: isParent) || kinds.keys.contains(where: isParent)
      ? .directory : nil
  }

  func readFile(_ relativePath: String, limit: Int) throws(AppFileError) -> [UInt8] {
    reads.append(relativePath)
    if let error = errors[relativePath] { throw error }
    guard let bytes = files[relativePath] else { throw .notFound(path: relativePath) }
    guard bytes.count <= limit else { throw .tooLarge(path: relativePath, limit: limit) }
    return bytes
  }
}

/// The rendered `!` block of a configuration error.
func rendered(_ error: ConfigurationError) -> String {
  DiagnosticRenderer.render(error.diagnostic)
}

/// The rendered `!` block of a configuration warning.
func rendered(_ warning: ConfigurationWarning) -> String {
  DiagnosticRenderer.render(warning.diagnostic)
}

/// The settings parsed from `text` as `project.toml`, or the error.
func parseProject(_ text: String) -> Result<ProjectSettings?, ConfigurationError> {
  parseProject(bytes: Array(text.utf8))
}

/// The settings parsed from raw bytes as `project.toml`, or the error.
func parseProject(bytes: [UInt8]) -> Result<ProjectSettings?, ConfigurationError> {
  do {
    return .success(try ProjectSettingsParser.parse(text: bytes, fileName: "project.toml"))
  } catch {
    return .failure(error)
  }
}

extension Result {
  /// The error, nil on success.
  var error: Failure? {
    if case .failure(let error) = self { return error }
    return nil
  }

  /// The value, nil on failure.
  var value: Success? {
    if case .success(let value) = self { return value }
    return nil
  }
}

/// The opt-in decision for an app holding `files` under `environment`, or the error.
func decide(
  _ files: [String: String], _ environment: [String: String] = [:]
) -> Result<OptInDecision, ConfigurationError> {
  do {
    return .success(
      try ConfigurationLoader(app: FakeAppFiles(files: files)).load(environment: environment))
  } catch {
    return .failure(error)
  }
}

/// The configuration when the app opted in, nil otherwise.
func configured(
  _ files: [String: String], _ environment: [String: String] = [:]
) -> Configuration? {
  if case .success(.optedIn(let configuration)) = decide(files, environment) {
    return configuration
  }
  return nil
}

/// `project.toml` holding the table header and `lines`.
func table(_ lines: String...) -> [String: String] {
  ["project.toml": (["[utility.group-writable]"] + lines).joined(separator: "\n") + "\n"]
}

/// The decision for `files` and `environment`, or the error.
func loadDecision(
  _ files: FakeAppFiles, _ environment: [String: String] = [:]
) -> Result<OptInDecision, ConfigurationError> {
  do {
    return .success(try ConfigurationLoader(app: files).load(environment: environment))
  } catch {
    return .failure(error)
  }
}

/// The configuration of an opted-in decision.
func optedInConfiguration(_ result: Result<OptInDecision, ConfigurationError>) -> Configuration? {
  if case .success(.optedIn(let configuration)) = result { return configuration }
  return nil
}
