#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TOMLKit

/// Reads back the parts of a `report.toml` (or the layer's `[metadata]`) that later steps need.
public enum ReportFile {
  /// The `roots` array of a report, or of the `[metadata]` table of `<layer>.toml`; nil when unreadable.
  public static func roots(fromTOML text: String) -> [String]? {
    guard let table = try? TOMLTable(string: text) else { return nil }
    let source = table["metadata"]?.table ?? table
    guard let array = source["roots"]?.array else { return nil }
    return array.compactMap { $0.string }
  }

  /// Whether the roots list in the text was capped (`roots-total` larger than the list).
  public static func rootsTotal(fromTOML text: String) -> Int? {
    guard let table = try? TOMLTable(string: text) else { return nil }
    let source = table["metadata"]?.table ?? table
    return source["roots-total"]?.int
  }

  /// Reads a file as UTF-8 text, nil when it cannot be read.
  public static func text(atPath path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return String(data: data, encoding: .utf8)
  }
}
