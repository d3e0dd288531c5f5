import FileSystem

/// Reads a `report.toml` from a path, bounded.
public enum ReportReader {
  /// The report at `path`.
  public static func read(path: String) throws(CommandError.ReportProblem) -> Report {
    let bytes: [UInt8]
    do {
      bytes = try FileContents.read(path: path, limit: ReportFileLimits.reportSize)
    } catch {
      throw .unreadable(error)
    }
    do {
      return try ReportText.report(fromTOML: String(decoding: bytes, as: UTF8.self))
    } catch {
      throw .notAReport(reason: error.reason)
    }
  }

  /// `path` made absolute against `workingDirectory` (or the process's, `getcwd`), without `.` components.
  public static func absolutePath(_ path: String, workingDirectory: String?) -> String {
    let base = path.hasPrefix("/") ? "" : (workingDirectory ?? WorkingDirectory.current() ?? "/")
    var parts: [Substring] = []
    for part in (base + "/" + path).split(separator: "/") where part != "." {
      if part == ".." { _ = parts.popLast() } else { parts.append(part) }
    }
    return "/" + parts.joined(separator: "/")
  }
}
