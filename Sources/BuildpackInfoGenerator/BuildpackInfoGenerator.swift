import Foundation

/// Reads buildpack.toml and writes the Swift source of `BuildpackInfo`.
enum BuildpackInfoGenerator {
  /// Generates the source for the descriptor at `descriptorPath` into `outputPath`.
  static func generate(descriptorPath: String, outputPath: String) throws(GeneratorError) {
    let text: String
    do {
      text = try String(contentsOfFile: descriptorPath, encoding: .utf8)
    } catch {
      throw .cannotRead(reason: error.localizedDescription)
    }
    let descriptor = try BuildpackDescriptor(parsing: text)
    let source = BuildpackInfoSource.render(descriptor)
    do {
      try source.write(toFile: outputPath, atomically: true, encoding: .utf8)
    } catch {
      throw .cannotWrite(path: outputPath, reason: error.localizedDescription)
    }
  }
}
