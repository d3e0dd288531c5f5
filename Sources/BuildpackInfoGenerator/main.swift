// Generates BuildpackInfo.swift from buildpack.toml; run by the BuildpackInfoPlugin build-tool plugin.
// Usage: BuildpackInfoGenerator BUILDPACK_TOML OUTPUT_SWIFT
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
  FileHandle.standardError.write(
    Data("usage: BuildpackInfoGenerator BUILDPACK_TOML OUTPUT_SWIFT\n".utf8))
  exit(2)
}
let descriptorPath = arguments[1]
let outputPath = arguments[2]
do {
  try BuildpackInfoGenerator.generate(descriptorPath: descriptorPath, outputPath: outputPath)
} catch {
  FileHandle.standardError.write(Data("\(descriptorPath): error: \(error.message)\n".utf8))
  exit(1)
}
