import Foundation
import PackagePlugin

/// Generates `BuildpackInfo.swift` (buildpack id, name and version) from the package's buildpack.toml,
/// so the version has a single source.
@main
struct BuildpackInfoPlugin: BuildToolPlugin {
  /// One build command that reruns whenever buildpack.toml changes.
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let descriptor = context.package.directoryURL.appending(path: "buildpack.toml")
    let output = context.pluginWorkDirectoryURL.appending(path: "BuildpackInfo.swift")
    return [
      .buildCommand(
        displayName: "Generating BuildpackInfo.swift from buildpack.toml",
        executable: try context.tool(named: "BuildpackInfoGenerator").url,
        arguments: [descriptor.path(percentEncoded: false), output.path(percentEncoded: false)],
        inputFiles: [descriptor],
        outputFiles: [output])
    ]
  }
}
