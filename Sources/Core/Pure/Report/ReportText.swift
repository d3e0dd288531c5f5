import FileSystem
import TOMLKit

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The report as text and back: TOML for `report.toml` and the layer, JSON for `--json` and the image label.
public enum ReportText {
  /// Why a report could not be read back.
  public enum ReadError: Error, Equatable, Sendable {
    /// The text is not TOML, or not a report (no `version` and `roots`); `reason` is the decoder's message.
    case notAReport(reason: String)
    /// The TOML parser, run in a child process first, did not end normally: it crashed (`signal`), ran out of
    /// time, or no child could be started. The text is never parsed in this process then.
    case parserFailed(IsolatedCall.Outcome)
    /// The text parsed, but holds what this buildpack never writes (too many or too long roots, a total below
    /// the list, a root not in its escaped form); `reason` says which.
    case notWrittenByThisBuildpack(reason: String)

    /// Why, in words for a message: the decoder's or the check's reason, or how the parser's child ended.
    public var reason: String {
      switch self {
      case .notAReport(let reason), .notWrittenByThisBuildpack(let reason): return reason
      case .parserFailed(.killed(let signal)):
        return "the TOML parser crashed on it (signal \(signal))"
      case .parserFailed(.timedOut): return "the TOML parser ran out of time on it"
      case .parserFailed(.unavailable(let error)):
        return "no child process could be started to parse it safely (\(error))"
      case .parserFailed(.returned(let status)):
        return "the TOML parser ended with status \(status)"
      }
    }
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
    if metadata.isCapped {
      roots.append("…+\(metadata.rootsTotal - roots.count) more (see report.toml)")
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    guard let data = try? encoder.encode(roots) else { return "[]" }
    return String(decoding: data, as: UTF8.self)
  }

  /// Reads a `report.toml`, parsed in a child process first (`TOMLChildParser`).
  public static func report(fromTOML text: String) throws(ReadError) -> Report {
    try checkInChild(text)
    do {
      return try TOMLDecoder().decode(Report.self, from: text)
    } catch {
      throw .notAReport(reason: "\(error)")
    }
  }

  /// Reads the `[metadata]` of a layer's TOML file, parsed in a child process first, and checks that it is what
  /// `layerTOML` writes (`LayerMetadata.checkWritten`): the previous image's file is input like any other.
  public static func layerMetadata(fromTOML text: String) throws(ReadError) -> LayerMetadata {
    try checkInChild(text)
    let metadata: LayerMetadata
    do {
      metadata = try TOMLDecoder().decode(LayerFile.self, from: text).metadata
    } catch {
      throw .notAReport(reason: "\(error)")
    }
    try metadata.checkWritten()
    return metadata
  }

  /// Throws unless the TOML parser, run on `text` in a child process, ended by itself (parsed or not).
  private static func checkInChild(_ text: String) throws(ReadError) {
    switch TOMLChildParser.isolate(text[...]) {
    case .returned: return
    case let outcome: throw .parserFailed(outcome)
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
