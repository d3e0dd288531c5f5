import Core
import FileSystem

/// Reads `--patterns-file`.
enum PatternFileReader {
  /// The file's bytes, or a failure naming the file.
  static func read(_ path: String) throws(CommandFailure) -> [UInt8] {
    do {
      return try FileContents.read(path: path, limit: CommandDiagnostics.patternsFileLimit)
    } catch {
      throw CommandFailure(CommandDiagnostics.cannotReadPatternsFile(path: path, error: error))
    }
  }
}
