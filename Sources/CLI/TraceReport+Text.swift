import Buildpack
import Core
import Patterns
import Tracer

extension TraceReport {
  /// The report in the build log's style.
  var text: String {
    var lines: [String] = ["## \(BuildpackInfo.name) (v\(BuildpackInfo.version))", ""]
    lines.append(
      "- Traced \(DiagnosticText.code(command.joined(separator: " "))) for \(BuildLog.duration(result.seconds)) "
        + "(\(CountText.of(result.processes, "process", "processes"))): \(endingText)")
    if records.isEmpty {
      lines.append("- No writes in \(DiagnosticText.code(appDirectory))")
    } else {
      let deniedCount = denied.count
      lines.append(
        "- \(CountText.of(records.count, "write")) in \(DiagnosticText.code(appDirectory))"
          + (deniedCount > 0 ? ", \(CountText.number(deniedCount)) denied:" : ":"))
      lines += groupedLines(
        records.map { (write: $0.write, call: $0.call, count: $0.count, showsError: true) })
    }
    if let toml = SuggestionText.projectTOML(suggestion) {
      lines.append("- Suggested configuration, for `project.toml`:")
      lines.append("")
      lines += toml.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.isEmpty ? "" : "      \($0)"
      }
      while lines.last == "" { lines.removeLast() }
      lines.append("")
    } else if !records.isEmpty {
      lines.append("- No pattern to suggest")
    }
    if let deniedAfterBuild {
      if deniedAfterBuild.isEmpty {
        lines.append("- With the app's configuration, every write would be allowed after a build")
        let deniedCount = denied.count
        if deniedCount > 0 {
          lines.append(
            "- \(CountText.of(deniedCount, "write")) denied in this run would be allowed: build the app with this "
              + "configuration, and run it as a user in the build group (`docker run --group-add GID`, Kubernetes "
              + "`fsGroup`)")
        }
      } else {
        lines.append(
          "- With the app's configuration, \(CountText.of(deniedAfterBuild.count, "write")) would be denied after a build:"
        )
        lines += groupedLines(
          deniedAfterBuildRecords.map {
            (write: $0.write, call: $0.call, count: $0.count, showsError: false)
          })
      }
    }
    while lines.last == "" { lines.removeLast() }
    var text = lines.joined(separator: "\n") + "\n"
    for diagnostic in diagnostics { text += "\n" + DiagnosticRenderer.render(diagnostic) }
    return text
  }

  /// The writes as nested bullets under their directory, at most `TraceLimits.writesShown` of them.
  private func groupedLines(_ writes: [Line]) -> [String] {
    var groups: [RelativePath: [Line]] = [:]
    for entry in writes {
      groups[entry.write.path.parent ?? .appDirectory, default: []].append(entry)
    }
    var lines: [String] = []
    var shown = 0
    for directory in groups.keys.sorted(by: { $0.bytes.lexicographicallyPrecedes($1.bytes) }) {
      guard shown < TraceLimits.writesShown else { break }
      lines.append(
        "  - \(DiagnosticText.quoted(DisplayPath.relative(directory.bytes, isDirectory: true)))")
      for entry in groups[directory] ?? [] where shown < TraceLimits.writesShown {
        shown += 1
        lines.append(
          "    - "
            + Self.line(
              entry.write, call: entry.call, count: entry.count, showsError: entry.showsError))
      }
    }
    if writes.count > shown {
      lines.append(
        "  - … and \(CountText.of(writes.count - shown, "more write")) (`--json` lists them all)")
    }
    return lines
  }

  /// A write to list: the call that made it, how many times, and whether to show how it ended.
  typealias Line = (write: TracedWrite, call: String, count: Int, showsError: Bool)

  /// One write: its name, what was done, the call, how many times, and how it failed.
  static func line(_ write: TracedWrite, call: String, count: Int, showsError: Bool = true)
    -> String
  {
    let name = write.path.components.last ?? [UInt8(ascii: ".")]
    var line = DiagnosticText.quoted(
      DisplayPath.relative(name, isDirectory: write.action == .makeDirectory))
    line += ": " + words(write.action)
    line += " (`\(call)`\(count > 1 ? ", \(CountText.number(count)) calls" : ""))"
    if showsError, let error = write.error {
      line += denials.contains(error) ? ", denied: `\(error.name)`" : ", failed: `\(error.name)`"
    }
    return line
  }
}
