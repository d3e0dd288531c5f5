import ChildProcessSupport
import Core
import Foundation
import TOMLKit
import Testing

/// `buildpack.toml`'s `[[metadata.configurations]]` and the code's `EnvironmentVariable` list are
/// the same set: names, defaults, build and launch.
@Suite(.spawnedTOMLParser) struct BuildpackDescriptorVariablesTests {
  /// One documented (or known) variable.
  struct Entry: Hashable, CustomStringConvertible {
    var name: String
    var defaultValue: String
    var build: Bool
    var launch: Bool
    var description: String { "\(name) default=\(defaultValue) build=\(build) launch=\(launch)" }
  }

  /// The repository's `buildpack.toml`, found from this file's path.
  static func descriptor() throws -> TOMLTable {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(
      contentsOf: root.appendingPathComponent("buildpack.toml"), encoding: .utf8)
    return try TOMLTable(string: text)
  }

  /// The entries of `[[metadata.configurations]]`.
  static func documented() throws -> [Entry] {
    let array = try #require(descriptor()["metadata"]?["configurations"]?.array)
    return try array.map { value in
      let table = try #require(value.table)
      let description = try #require(table["description"]?.string)
      #expect(!description.isEmpty)
      return Entry(
        name: try #require(table["name"]?.string),
        defaultValue: try #require(table["default"]?.string),
        build: table["build"]?.bool ?? false, launch: table["launch"]?.bool ?? false)
    }
  }

  @Test func documentsExactlyTheVariablesTheCodeReads() throws {
    let documented = try Self.documented()
    let known = EnvironmentVariable.allCases.map { variable in
      Entry(
        name: variable.name, defaultValue: variable.defaultValue, build: variable.isReadAtBuild,
        launch: variable.isReadAtLaunch)
    }
    #expect(Set(documented) == Set(known))
    #expect(documented.count == Set(documented.map(\.name)).count, "a variable is listed twice")
  }

  @Test func keepsTheIdentityTheGeneratorReads() throws {
    let buildpack = try #require(Self.descriptor()["buildpack"]?.table)
    #expect(buildpack["id"]?.string == BuildpackInfo.id)
    #expect(buildpack["version"]?.string == BuildpackInfo.version)
  }

  /// The documented default of each boolean variable is the code's default.
  @Test(arguments: EnvironmentSettings.flagVariables)
  func documentsTheCodeDefaults(variable: EnvironmentVariable) throws {
    let resolved = try ConfigurationResolver.resolve(
      settings: nil,
      variables: EnvironmentSettings(environment: [variable.name: variable.defaultValue]),
      pathsFile: nil, file: "project.toml")
    #expect(resolved.policy == Configuration().policy)
    #expect(resolved.audit == Configuration().audit)
  }

  @Test func documentsTheDefaultEphemeralBase() {
    #expect(EnvironmentVariable.ephemeralBase.defaultValue == Configuration().ephemeralBase)
  }
}
