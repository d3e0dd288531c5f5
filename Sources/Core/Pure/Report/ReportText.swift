#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TOMLKit

/// The report as text and back: TOML for `report.toml` and the layer, JSON for `--json` and the image label.
public enum ReportText {
  /// Why a report could not be read back.
  public enum ReadError: Error, Equatable, Sendable {
    /// The text is not TOML, or not a report (no `version` and `roots`); `reason` is the decoder's message.
    case notAReport(reason: String)
  }

  /// `report.toml`.
  public static func toml(_ report: Report) -> String {
    encodeTOML(report)
  }

  /// `<layer>.toml`: a launch layer whose `[metadata]` summarises the report.
  public static func layerTOML(_ report: Report) -> String {
    encodeTOML(LayerFile(metadata: LayerMetadata(report)))
  }

  /// The image label listing the writable roots.
  public static let labelKey = "utility.group-writable.paths"

  /// `launch.toml`: the label `utility.group-writable.paths`, a JSON array of the writable roots.
  public static func launchTOML(_ report: Report) -> String {
    encodeTOML(LaunchFile(labels: [LaunchFile.Label(key: labelKey, value: labelJSON(report))]))
  }

  /// `--json`: the report with sorted keys.
  public static func json(_ report: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(report) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }

  /// The image label's value: a JSON array of the first roots; when capped, its last element says how many
  /// roots were left out.
  public static func labelJSON(_ report: Report) -> String {
    let metadata = LayerMetadata(report)
    var roots = metadata.roots
    if metadata.isCapped { roots.append("…+\(metadata.rootsTotal - roots.count) more (see report.toml)") }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    guard let data = try? encoder.encode(roots) else { return "[]" }
    return String(decoding: data, as: UTF8.self)
  }

  /// Reads a `report.toml`.
  public static func report(fromTOML text: String) throws(ReadError) -> Report {
    do {
      return try TOMLDecoder().decode(Report.self, from: text)
    } catch {
      throw .notAReport(reason: "\(error)")
    }
  }

  /// Reads the `[metadata]` of a layer's TOML file.
  public static func layerMetadata(fromTOML text: String) throws(ReadError) -> LayerMetadata {
    do {
      return try TOMLDecoder().decode(LayerFile.self, from: text).metadata
    } catch {
      throw .notAReport(reason: "\(error)")
    }
  }

  private static func encodeTOML(_ value: some Encodable) -> String {
    guard let text = try? TOMLEncoder().encode(value) as String else { return "" }
    return text + "\n"
  }

  /// `launch.toml`'s shape.
  private struct LaunchFile: Codable {
    struct Label: Codable {
      var key: String
      var value: String
    }
    var labels: [Label]
  }

  /// `<layer>.toml`'s shape.
  private struct LayerFile: Codable {
    struct Types: Codable {
      var launch: Bool? = true
      var build: Bool? = false
      var cache: Bool? = false
    }
    var types: Types? = Types()
    var metadata: LayerMetadata
  }
}
