/// The launch layer's `[metadata]`: what the next build reads back to say what changed since this image.
public struct LayerMetadata: Sendable, Equatable, Codable {
  /// The buildpack's version.
  public var version: String
  /// Whether the whole app directory was selected.
  public var wholeApp: Bool
  /// The first writable roots (`ReportLimits.rootsInImage`).
  public var roots: [String]
  /// How many writable roots there were in all.
  public var rootsTotal: Int
  /// The run's counts.
  public var counts: ReportCounts?

  /// The summary of `report`.
  public init(_ report: Report) {
    version = report.version
    wholeApp = report.wholeApp
    var kept: [String] = []
    var bytes = 0
    for root in report.roots.paths.prefix(ReportLimits.rootsInImage) {
      bytes += root.utf8.count
      if bytes > ReportLimits.rootBytesInImage { break }
      kept.append(root)
    }
    roots = kept
    rootsTotal = report.roots.total
    counts = report.counts
  }

  /// Whether `roots` lists only some of the roots.
  public var isCapped: Bool { rootsTotal > roots.count }

  enum CodingKeys: String, CodingKey {
    case version, roots, counts
    case wholeApp = "whole-app"
    case rootsTotal = "roots-total"
  }

  /// Decodes metadata, also an older image's (which had no counts table).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    version = try container.decodeIfPresent(String.self, forKey: .version) ?? ""
    wholeApp = try container.decodeIfPresent(Bool.self, forKey: .wholeApp) ?? false
    roots = try container.decode([String].self, forKey: .roots)
    rootsTotal = try container.decodeIfPresent(Int.self, forKey: .rootsTotal) ?? roots.count
    counts = try? container.decodeIfPresent(ReportCounts.self, forKey: .counts)
  }
}
