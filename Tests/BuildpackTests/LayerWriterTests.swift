import Buildpack
import ChildProcessSupport
import Core
import FileSystem
import Foundation
import TOMLKit
import TestSupport
import Testing

@Suite(.spawnedTOMLParser) struct LayerWriterTests {
  func report(roots count: Int) -> Report {
    var report = Report()
    report.version = "1.0.0"
    // Roots are kept in path order: numbered from 100 so that is also the order they are added in.
    for index in 0..<count { report.roots.add("dir\(100 + index)/") }
    return report
  }

  func write(_ report: Report, to layers: TemporaryTree) throws {
    try layers.file("check", mode: 0o755, contents: "#!/bin/sh\n")
    try LayerWriter(layersPath: layers.root).write(report, executable: layers.path("check"))
  }

  @Test func writesTheReportTheMetadataTheLabelAndTheCheck() throws {
    let layers = try TemporaryTree()
    try write(report(roots: 2), to: layers)
    let launch = try TOMLTable(
      string: String(contentsOfFile: layers.path("launch.toml"), encoding: .utf8))
    #expect(launch["labels"]?[0]?["key"]?.string == "utility.group-writable.paths")
    #expect(launch["labels"]?[0]?["value"]?.string == #"["dir100/","dir101/"]"#)
    let metadata = try TOMLTable(
      string: String(contentsOfFile: layers.path("group-writable.toml"), encoding: .utf8))
    #expect(metadata["types"]?["launch"]?.bool == true)
    #expect(metadata["metadata"]?["roots"]?.array?.count == 2)
    #expect(layers.mode("group-writable/exec.d/group-writable-check") == 0o755)
    #expect(layers.mode("group-writable/report.toml") == 0o644)
    #expect(
      try LayerWriter(layersPath: layers.root).previousMetadata()?.get().roots == [
        "dir100/", "dir101/",
      ])
  }

  @Test func linksTheCommandLineIntoTheLayersBinReplacingWhateverWasThere() throws {
    let layers = try TemporaryTree()
    try layers.directory("group-writable/bin")
    try layers.file("group-writable/bin/group-writable", contents: "old")
    try write(report(roots: 1), to: layers)
    var buffer = [CChar](repeating: 0, count: 256)
    let count = readlink(layers.path("group-writable/bin/group-writable"), &buffer, buffer.count)
    #expect(
      String(decoding: buffer.prefix(max(count, 0)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        == "../exec.d/group-writable-check")
    // The link resolves to the executable, so the launcher's `PATH` finds the command line.
    #expect(access(layers.path("group-writable/bin/group-writable"), X_OK) == 0)
    try write(report(roots: 1), to: layers)
    #expect(
      readlink(layers.path("group-writable/bin/group-writable"), &buffer, buffer.count) == count)
  }

  @Test func replacesSymlinksAndFIFOsAnEarlierBuildpackLeftWithoutFollowingOrOpeningThem() throws {
    let layers = try TemporaryTree()
    let outside = try TemporaryTree()
    try outside.file("target", contents: "keep")
    try layers.directory("group-writable")
    try layers.symlink("group-writable/report.toml", to: outside.path("target"))
    #expect(mkfifo(layers.path("launch.toml"), 0o644) == 0)
    #expect(mkfifo(layers.path("group-writable.toml"), 0o644) == 0)
    try write(report(roots: 1), to: layers)
    #expect(try String(contentsOfFile: outside.path("target"), encoding: .utf8) == "keep")
    var status = stat()
    #expect(
      lstat(layers.path("group-writable/report.toml"), &status) == 0
        && status.st_mode & S_IFMT == S_IFREG)
    #expect(lstat(layers.path("launch.toml"), &status) == 0 && status.st_mode & S_IFMT == S_IFREG)
  }

  @Test func refusesASymlinkedLayerDirectory() throws {
    let layers = try TemporaryTree()
    let outside = try TemporaryTree()
    try layers.symlink("group-writable", to: outside.root)
    #expect(throws: LayerWriteError.self) { try write(report(roots: 1), to: layers) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: outside.root).isEmpty)
  }

  @Test func saysWhichFileItCouldNotWrite() throws {
    guard geteuid() != 0 else { return }
    let layers = try TemporaryTree()
    try layers.file("check", mode: 0o755)
    chmod(layers.root, 0o555)
    defer { chmod(layers.root, 0o755) }
    #expect(
      throws: LayerWriteError.cannotOpenDirectory(
        path: layers.path("group-writable"), .permissionDenied)
    ) {
      try LayerWriter(layersPath: layers.root).write(
        report(roots: 1), executable: layers.path("check"))
    }
  }

  @Test func neverOpensPreviousMetadataThatIsAFIFOAndSaysSo() throws {
    let layers = try TemporaryTree()
    #expect(mkfifo(layers.path("group-writable.toml"), 0o644) == 0)
    #expect(
      LayerWriter(layersPath: layers.root).previousMetadata()
        == .failure(
          .previousMetadataUnusable(
            path: layers.path("group-writable.toml"), reason: "it is not a regular file")))
  }

  @Test func readsNoPreviousMetadataWhereThereIsNone() throws {
    #expect(LayerWriter(layersPath: try TemporaryTree().root).previousMetadata() == nil)
  }
}
