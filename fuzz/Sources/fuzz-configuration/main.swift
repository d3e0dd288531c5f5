import Core
import FileSystem
import FuzzSupport
import Patterns

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The test function libFuzzer drives: the input is the bytes of `project.toml` and also of whatever
/// `paths-file` it names. It is parsed on its own and loaded as a build would (no `BP_*`
/// variables); errors and warnings are rendered and the patterns matched like the `patterns`
/// target's. Any crash or hang is a bug.
func configurationFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  do {
    if let settings = try ProjectSettingsParser.parse(text: bytes, fileName: "project.toml") {
      _ = DiagnosticRenderer.render(settings.warnings.map(\.diagnostic))
    }
  } catch {
    _ = DiagnosticRenderer.render(error.diagnostic)
  }
  ConfigurationCheck.load(environment: [:], reader: InputFiles(contents: bytes))
  return 0
}

/// An app directory whose `project.toml` and every other file hold `contents`; like the real
/// reader it refuses absolute paths, `..` components and files over the limit.
struct InputFiles: AppFileReading {
  /// The bytes of every file.
  let contents: [UInt8]

  func readFile(_ relativePath: String, limit: Int) throws(AppFileError) -> [UInt8] {
    if relativePath.hasPrefix("/") || relativePath.split(separator: "/").contains("..") {
      throw .outsideAppDirectory(path: relativePath)
    }
    if contents.count > limit { throw .tooLarge(path: relativePath, limit: limit) }
    return contents
  }
}

exit(FuzzEntry.run(configurationFuzzTarget))
