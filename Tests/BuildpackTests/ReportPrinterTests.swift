import Buildpack
import Core
import Testing

@Suite struct ReportPrinterTests {
  func printed(_ report: Report) -> [String] {
    var text = ""
    ReportPrinter(log: BuildLog { text += $0 }).printRun(report)
    return text.split(separator: "\n").map(String.init).filter {
      $0.contains("Created") || $0.contains("more `create`")
    }
  }

  @Test func namesEachMadeCreateDirectoryWithTheShallowestDirectoryMadeForIt() {
    var report = Report()
    report.made.add(MadeDirectory(path: "tmp/pids", first: "tmp"))
    report.made.add(MadeDirectory(path: "storage", first: "storage"))
    #expect(
      printed(report) == [
        "  - Created `storage/`",
        "  - Created `tmp/pids/`, making the missing directories from `tmp/`",
      ])
  }

  @Test func countsTheMadeDirectoriesPastTheSample() {
    var report = Report()
    let count = ReportLimits.pathsPerNotice + 2
    for index in 0..<count {
      report.made.add(MadeDirectory(path: "d\(1000 + index)", first: "d\(1000 + index)"))
    }
    let lines = printed(report)
    #expect(lines.count == ReportLimits.pathsPerNotice + 1)
    #expect(lines.first == "  - Created `d1000/`")
    #expect(lines.last == "  - … and 2 more `create` directories")
  }
}
