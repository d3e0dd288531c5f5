import Core
import FileSystem
import FuzzSupport
import Patterns

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The test function libFuzzer drives: the input holds the values of `BP_GROUP_WRITABLE`,
/// `BP_GROUP_WRITABLE_PATHS` and `BP_LOG_LEVEL`, separated by NUL bytes (a missing part leaves
/// the variable unset). They are parsed as settings and loaded with no `project.toml`; the
/// resulting patterns are matched like the `patterns` target's. Any crash or hang is a bug.
func environmentFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let names = [
    EnvironmentSettings.enabledVariable, EnvironmentSettings.pathsVariable,
    EnvironmentSettings.logLevelVariable,
  ]
  var environment: [String: String] = [:]
  let values = bytes.split(
    separator: 0, maxSplits: names.count - 1, omittingEmptySubsequences: false)
  for (name, value) in zip(names, values) {
    environment[name] = String(decoding: value, as: UTF8.self)
  }
  _ = EnvironmentList.commaSeparatedItems(bytes)
  do {
    let settings = try EnvironmentSettings(environment: environment)
    let patterns = settings.patterns()
    WalkOracle.check(PatternSet(patterns), paths: CandidatePaths.derived(from: patterns))
  } catch {
    _ = DiagnosticRenderer.render(error.diagnostic)
  }
  ConfigurationCheck.load(environment: environment, reader: NoProjectFile())
  return 0
}

/// An app directory without any file.
struct NoProjectFile: AppFileReading {
  func readFile(_ relativePath: String, limit: Int) throws(AppFileError) -> [UInt8] {
    throw .notFound(path: relativePath)
  }
}

exit(FuzzEntry.run(environmentFuzzTarget))
