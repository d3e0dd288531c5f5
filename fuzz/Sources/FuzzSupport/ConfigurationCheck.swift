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
      decision = try ConfigurationLoader(reader: reader).load(environment: environment)
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
