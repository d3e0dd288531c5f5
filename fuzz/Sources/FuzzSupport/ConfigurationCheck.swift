import Core
import FileSystem
import Patterns

/// Loads a configuration as detect and build do and exercises everything that comes out of it.
public enum ConfigurationCheck {
  /// Loads through `reader` with `environment`, renders the error or the warnings, and checks
  /// the patterns of an opted-in configuration with `WalkOracle`.
  public static func load(environment: [String: String], reader: any AppFileReading) {
    let decision: OptInDecision
    do {
      decision = try ConfigurationLoader(reader: reader, probe: ReadableEntries(reader: reader))
        .load(environment: environment)
    } catch {
      _ = DiagnosticRenderer.render(error.diagnostic)
      return
    }
    guard case .optedIn(let configuration) = decision else { return }
    _ = DiagnosticRenderer.render(configuration.warnings.map(\.diagnostic))
    let patterns = configuration.patterns
    WalkOracle.check(
      PatternSet(patterns),
      paths: CandidatePaths.derived(from: patterns) + configuration.create.map(\.bytes))
  }
}

/// The entries `reader` can read, as regular files (so `auto` detects frameworks from the fuzzed files too).
struct ReadableEntries: AppEntryProbing {
  /// The fuzzed app's files.
  let reader: any AppFileReading

  /// `.regular` for a path the reader reads (or finds too large), nil for anything else.
  func kind(of path: RelativePath) -> FileKind? {
    do {
      _ = try reader.readFile(path.description, limit: ConfigurationLimits.fileBytes)
      return .regular
    } catch {
      if case .tooLarge = error { return .regular }
      return nil
    }
  }
}
