import ChildProcessSupport
import Core
import FileSystem
import Foundation
import Testing

/// `ConfigurationLoader` reading a real app directory through `AppDirectory`.
@Suite(.spawnedTOMLParser) struct ConfigurationAppDirectoryTests {
  /// A scratch app directory, removed when the test is done.
  final class ScratchApp {
    let root: String

    init() throws {
      let base = FileManager.default.temporaryDirectory.appendingPathComponent(
        "group-writable-config-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
      root = base.path
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func file(_ relative: String, _ contents: String) throws {
      let url = URL(fileURLWithPath: "\(root)/\(relative)")
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(contents.utf8).write(to: url)
    }

    func symlink(_ relative: String, to target: String) throws {
      try FileManager.default.createSymbolicLink(
        atPath: "\(root)/\(relative)", withDestinationPath: target)
    }

    func load(_ environment: [String: String] = [:]) throws -> Result<
      OptInDecision, ConfigurationError
    > {
      let app = try AppDirectory.open(root)
      defer { app.descriptor.close() }
      do {
        return .success(try ConfigurationLoader(app: app).load(environment: environment))
      } catch {
        return .failure(error)
      }
    }
  }

  @Test func loadsProjectFileAndPathsFile() throws {
    let app = try ScratchApp()
    try app.file("project.toml", "[utility.group-writable]\npaths-file = \"config/writable\"\n")
    try app.file("config/writable", "log/\ntmp/\n")
    guard case .success(.optedIn(let configuration)) = try app.load() else {
      Issue.record("expected opted in")
      return
    }
    #expect(configuration.patterns.map(\.displayText) == ["log/", "tmp/"])
  }

  @Test func autoDetectsOnlyRegularMarkerFilesNeverThroughLinksOrFIFOs() throws {
    let app = try ScratchApp()
    let auto = ["BP_GROUP_WRITABLE_PRESETS": "auto"]
    _ = mkfifo("\(app.root)/artisan", 0o644)
    try app.file("real/manage.py", "")
    try app.symlink("manage.py", to: "real/manage.py")
    try app.file("real/bin/rails", "")
    try app.symlink("bin", to: "real/bin")
    try app.file("config/application.rb", "")
    #expect(try app.load(auto).value == .notOptedIn(.noFrameworkDetected))
    try FileManager.default.removeItem(atPath: "\(app.root)/bin")
    try app.file("bin/rails", "")
    guard case .success(.optedIn(let configuration)) = try app.load(auto) else {
      Issue.record("expected opted in")
      return
    }
    #expect(configuration.presets == [.rails])
  }

  @Test func treatsAMissingProjectFileAsNotConfigured() throws {
    let app = try ScratchApp()
    guard case .success(.notOptedIn) = try app.load() else {
      Issue.record("expected not opted in")
      return
    }
  }

  @Test func refusesASymlinkedPathsFile() throws {
    let app = try ScratchApp()
    try app.file("project.toml", "[utility.group-writable]\npaths-file = \"writable\"\n")
    try app.file("real", "log/\n")
    try app.symlink("writable", to: "real")
    #expect(
      try app.load().error
        == .pathsFileUnreadable(
          path: "writable", source: .key(.pathsFile, file: "project.toml", line: 2),
          cause: .symbolicLink(path: "writable", component: "writable")))
  }

  @Test func refusesAPathsFileOutsideTheApp() throws {
    let app = try ScratchApp()
    try app.file("project.toml", "[utility.group-writable]\npaths-file = \"../outside\"\n")
    #expect(
      try app.load().error
        == .pathsFileUnreadable(
          path: "../outside", source: .key(.pathsFile, file: "project.toml", line: 2),
          cause: .outsideAppDirectory(path: "../outside")))
  }

  @Test func refusesASymlinkedProjectFile() throws {
    let app = try ScratchApp()
    try app.file("real.toml", "[utility.group-writable]\n")
    try app.symlink("project.toml", to: "real.toml")
    #expect(
      try app.load().error
        == .projectFileUnreadable(
          file: "project.toml",
          cause: .symbolicLink(path: "project.toml", component: "project.toml")))
  }

  @Test func refusesAnOversizedPathsFile() throws {
    let app = try ScratchApp()
    try app.file("project.toml", "[utility.group-writable]\npaths-file = \"big\"\n")
    try app.file("big", String(repeating: "x", count: (1 << 20) + 1))
    #expect(
      try app.load().error
        == .pathsFileUnreadable(
          path: "big", source: .key(.pathsFile, file: "project.toml", line: 2),
          cause: .tooLarge(path: "big", limit: 1 << 20)))
  }
}
