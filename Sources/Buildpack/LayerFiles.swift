import Core
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TOMLKit

/// The files the build writes into `CNB_LAYERS_DIR`: the launch layer with `report.toml`, its `<layer>.toml`
/// metadata, and `launch.toml` with the image label.
public enum LayerFiles {
  /// The launch layer's name.
  public static let layerName = "group-writable"
  /// The image label listing the writable roots.
  public static let labelKey = "utility.group-writable.paths"
  /// Roots kept in the layer metadata and in the label.
  public static let rootLimit = 200

  /// `report.toml`: everything the build log said, as data.
  public static func report(
    _ report: SelectionReport, version: String, groupID: UInt32, sources: [String],
    warnings: [Diagnostic]
  ) -> TOMLTable {
    let table = TOMLTable()
    table["version"] = version
    table["whole-app"] = report.wholeApp
    table["group-id"] = Int(groupID)
    table["sources"] = sources
    table["created"] = report.created
    table["roots"] = report.roots.paths
    table["roots-total"] = report.roots.total
    table["counts"] = counts(report)
    table["patterns"] = report.patterns.map { count -> TOMLTable in
      let entry = TOMLTable()
      entry["pattern"] = DiagnosticText.escaped(bytes: count.pattern.bytes)
      entry["source"] = count.pattern.origin.source
      entry["line"] = count.pattern.origin.line
      entry["negated"] = count.pattern.isNegated
      entry["matches"] = count.matches
      entry["selected"] = count.selected
      return entry
    }
    table["warnings"] = warnings.map { warning -> TOMLTable in
      let entry = TOMLTable()
      entry["title"] = warning.title
      entry["message"] = DiagnosticRenderer.render(warning)
      return entry
    }
    return table
  }

  /// `<layer>.toml`: a launch layer whose `[metadata]` summarises the report (the next build reads it back).
  public static func layerMetadata(_ report: SelectionReport, version: String) -> TOMLTable {
    let types = TOMLTable()
    types["launch"] = true
    types["build"] = false
    types["cache"] = false
    let metadata = counts(report)
    metadata["version"] = version
    metadata["whole-app"] = report.wholeApp
    metadata["roots"] = Array(report.roots.paths.prefix(rootLimit))
    metadata["roots-total"] = report.roots.total
    let table = TOMLTable()
    table["types"] = types
    table["metadata"] = metadata
    return table
  }

  /// `launch.toml`: the label `utility.group-writable.paths`, a JSON array of the writable roots.
  public static func launch(_ report: SelectionReport) -> TOMLTable {
    let label = TOMLTable()
    label["key"] = labelKey
    label["value"] = labelValue(report)
    let table = TOMLTable()
    table["labels"] = [label]
    return table
  }

  /// The label's JSON array; when capped, its last element says how many roots were left out.
  public static func labelValue(_ report: SelectionReport) -> String {
    var roots = Array(report.roots.paths.prefix(rootLimit))
    if report.roots.total > roots.count {
      roots.append("…+\(report.roots.total - roots.count) more (see report.toml)")
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    guard let data = try? encoder.encode(roots) else { return "[]" }
    return String(decoding: data, as: UTF8.self)
  }

  /// Writes the three files under `layersDirectory`.
  public static func write(
    report: SelectionReport, version: String, groupID: UInt32, sources: [String],
    warnings: [Diagnostic], layersDirectory: String
  ) throws(LayerWriteError) {
    let layers = URL(fileURLWithPath: layersDirectory)
    let layer = layers.appendingPathComponent(layerName)
    let files: [(URL, TOMLTable)] = [
      (
        layer.appendingPathComponent("report.toml"),
        Self.report(report, version: version, groupID: groupID, sources: sources, warnings: warnings)
      ),
      (layers.appendingPathComponent("\(layerName).toml"), layerMetadata(report, version: version)),
      (layers.appendingPathComponent("launch.toml"), launch(report)),
    ]
    do {
      try FileManager.default.createDirectory(at: layer, withIntermediateDirectories: true)
    } catch {
      throw .cannotWrite(path: layer.path, reason: "\(error)")
    }
    for (url, table) in files {
      do {
        try Data((table.convert(to: .toml) + "\n").utf8).write(to: url)
      } catch {
        throw .cannotWrite(path: url.path, reason: "\(error)")
      }
    }
  }

  /// Copies the running executable into the layer's `exec.d` so the launcher runs the self-check at start-up.
  public static func installRuntimeCheck(layersDirectory: String, executable: String = "/proc/self/exe")
    throws(LayerWriteError)
  {
    let execD = URL(fileURLWithPath: layersDirectory).appendingPathComponent(layerName)
      .appendingPathComponent("exec.d")
    let target = execD.appendingPathComponent(RuntimeCheck.executableName)
    do {
      try FileManager.default.createDirectory(at: execD, withIntermediateDirectories: true)
      if FileManager.default.fileExists(atPath: target.path) {
        try FileManager.default.removeItem(at: target)
      }
      // `/proc/self/exe` is a link: copy the file it names, never the link.
      let source = (try? FileManager.default.destinationOfSymbolicLink(atPath: executable)) ?? executable
      try FileManager.default.copyItem(atPath: source, toPath: target.path)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: target.path)
    } catch {
      throw .cannotWrite(path: target.path, reason: "\(error)")
    }
  }

  /// The roots the previous image recorded (restored `<layer>.toml`), and whether that list was capped.
  public static func previousRoots(layersDirectory: String) -> (roots: [String], capped: Bool)? {
    let path = URL(fileURLWithPath: layersDirectory).appendingPathComponent("\(layerName).toml").path
    guard let text = ReportFile.text(atPath: path), let roots = ReportFile.roots(fromTOML: text) else {
      return nil
    }
    let total = ReportFile.rootsTotal(fromTOML: text) ?? roots.count
    return (roots, total > roots.count)
  }

  private static func counts(_ report: SelectionReport) -> TOMLTable {
    let summary = report.summary
    let table = TOMLTable()
    table["scanned"] = summary.scanned
    table["selected"] = summary.selected
    table["directories-changed"] = summary.directoriesChanged
    table["files-changed"] = summary.filesChanged
    table["ancestors-changed"] = summary.ancestorsChanged
    table["already-writable"] = summary.alreadyWritable
    table["skipped"] = summary.skipped
    return table
  }
}

