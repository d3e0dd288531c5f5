import Buildpack
import Core
import TOMLKit
import Testing

@Suite struct LayerFilesTests {
  func report(roots count: Int) -> SelectionReport {
    var report = SelectionReport()
    // Roots are kept in path order: numbered from 100 so that is also the order they are added in.
    for index in 0..<count { report.roots.add("dir\(100 + index)/") }
    return report
  }

  @Test func labelIsAJSONArrayOfTheRoots() {
    #expect(LayerFiles.labelValue(report(roots: 2)) == #"["dir100/","dir101/"]"#)
    #expect(LayerFiles.labelValue(report(roots: 0)) == "[]")
  }

  @Test func labelAndMetadataAreCappedAndSaySo() throws {
    let big = report(roots: 250)
    let value = LayerFiles.labelValue(big)
    #expect(value.hasSuffix(#""dir299/","…+50 more (see report.toml)"]"#))
    let metadata = try TOMLTable(string: LayerFiles.layerMetadata(big, version: "1.0.0").convert(to: .toml))
    #expect(metadata["metadata"]?["roots"]?.array?.count == 200)
    #expect(metadata["metadata"]?["roots-total"]?.int == 250)
    #expect(metadata["metadata"]?["version"]?.string == "1.0.0")
  }

  @Test func launchTableRoundTrips() throws {
    let text = LayerFiles.launch(report(roots: 1)).convert(to: .toml)
    let table = try TOMLTable(string: text)
    #expect(table["labels"]?[0]?["key"]?.string == "utility.group-writable.paths")
    #expect(table["labels"]?[0]?["value"]?.string == #"["dir100/"]"#)
  }

  @Test func escapesOddPathsInTheReport() throws {
    var odd = SelectionReport()
    odd.roots.add(DisplayPath.relative(Array("new\nline\"q".utf8) + [0xFF], isDirectory: true))
    let text = LayerFiles.report(odd, version: "1", groupID: 1000, sources: [], warnings: []).convert(to: .toml)
    let table = try TOMLTable(string: text)
    #expect(table["roots"]?[0]?.string == "new\\nline\"q\\xFF/")
    #expect(table["group-id"]?.int == 1000)
  }
}
