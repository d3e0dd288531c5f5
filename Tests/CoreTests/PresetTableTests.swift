import Core
import FileSystem
import Foundation
import Patterns
import Testing

/// The preset table's own consistency and framework detection's rules, on a fake app directory.
struct PresetTableTests {
  @Test(arguments: Preset.allCases)
  func everyPresetIsAnchoredDocumentedAndCreatesOnlyWhatItSelects(preset: Preset) throws {
    let definition = PresetTable.definition(of: preset)
    #expect(definition.paths.allSatisfy { $0.hasPrefix("/") })
    #expect(definition.documentation.hasPrefix("https://"))
    #expect(!definition.versions.isEmpty)
    let selection = PatternSet(PresetPaths.patterns(preset))
    for text in definition.create + definition.ephemeral {
      let path = try RelativePath(text)
      #expect(selection.decide(path: path.bytes, isDirectory: true)?.isSelected == true, "\(text)")
    }
    #expect(
      PresetPaths.patterns(preset).map(\.origin.source)
        == definition.paths.map { _ in "preset \(preset.name)" })
  }

  @Test(arguments: Preset.allCases)
  func theDocumentedTableNamesEachPresetsDocumentationAndVersions(preset: Preset) throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent()
    let text = try String(
      contentsOf: root.appendingPathComponent("docs/CONFIGURATION.md"), encoding: .utf8)
    let definition = PresetTable.definition(of: preset)
    let row = try #require(
      text.split(separator: "\n").first { $0.hasPrefix("| `\(preset.name)` |") })
    #expect(row.contains("(\(definition.documentation))"))
    #expect(row.hasSuffix("| \(definition.versions) |"))
  }

  @Test func literalPathsDropGlobsAnchorsAndRepeats() {
    #expect(
      PresetPaths.literal(.rails).map(\.description) == [
        "tmp", "log", "storage", "tmp/pids", "tmp/cache", "tmp/sockets",
      ])
    #expect(PresetPaths.literal(.django).map(\.description) == ["media", "db.sqlite3"])
    #expect(PresetPaths.literal(.django, directoriesOnly: true).map(\.description) == ["media"])
  }

  /// An app's files, its other entries, and the frameworks detected there.
  struct DetectionRow: Sendable {
    var files: [String: String]
    var kinds: [String: FileKind] = [:]
    var expected: [Preset]
  }

  static let detections: [DetectionRow] = [
    DetectionRow(
      files: ["bin/rails": "", "config/application.rb": ""], kinds: [:], expected: [.rails]),
    DetectionRow(files: ["bin/rails": ""], kinds: [:], expected: []),
    DetectionRow(files: ["artisan": ""], kinds: [:], expected: [.laravel]),
    DetectionRow(files: [:], kinds: ["artisan": .symbolicLink], expected: []),
    DetectionRow(files: [:], kinds: ["artisan": .fifo], expected: []),
    DetectionRow(files: [:], kinds: ["manage.py": .directory], expected: []),
    DetectionRow(files: ["bin/console": "", "symfony.lock": ""], kinds: [:], expected: [.symfony]),
    DetectionRow(files: ["bin/console": ""], kinds: [:], expected: []),
    DetectionRow(files: ["manage.py": ""], kinds: [:], expected: [.django]),
    DetectionRow(files: ["next.config.mjs": ""], kinds: [:], expected: [.nextjs]),
    DetectionRow(
      files: ["next.config.ts": "", "wp-config.php": ""], kinds: [:],
      expected: [.nextjs, .wordpress]),
    DetectionRow(files: ["config/application.rb": ""], kinds: ["bin": .symbolicLink], expected: []),
  ]

  @Test(arguments: detections)
  func detectsFrameworksFromRegularMarkerFilesOnly(row: DetectionRow) {
    let app = FakeAppFiles(files: row.files, kinds: row.kinds)
    #expect(FrameworkDetection.detect(in: app).map(\.preset) == row.expected)
  }

  @Test func saysWhichFilesShowedTheFramework() {
    let app = FakeAppFiles(files: ["next.config.cjs": ""])
    #expect(
      FrameworkDetection.detect(in: app) == [
        FrameworkDetection(preset: .nextjs, markers: ["next.config.cjs"])
      ])
  }

  @Test func findsTheFirstLinkOnTheWay() {
    let app = FakeAppFiles(files: ["tmp/x": ""], kinds: [".next": .symbolicLink])
    let behindLink = RelativePath(".next/cache")
    let noLink = RelativePath("tmp/cache")
    #expect(app.firstLink(in: behindLink)?.description == ".next")
    #expect(app.firstLink(in: noLink) == nil)
  }
}
