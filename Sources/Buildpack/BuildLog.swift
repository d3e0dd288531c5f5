import Core

/// Build output in the style of Heroku's buildpacks: a `##` header, `- ` bullets with nested `  - `, values in
/// backticks, `!` blocks for warnings and errors, and `- Done (finished in 0.2s)`.
public final class BuildLog {
  private let write: (String) -> Void
  private var endsWithBlock = false

  /// A log that hands every finished line to `write`.
  public init(write: @escaping (String) -> Void) {
    self.write = write
  }

  /// `## Name (vX.Y.Z)` and an empty line.
  public func header(_ name: String, version: String) {
    write("## \(name) (v\(version))\n\n")
  }

  /// A top-level bullet, such as `- Selecting paths`.
  public func section(_ text: String) {
    endsWithBlock = false
    write("- \(text)\n")
  }

  /// A nested bullet under the last section.
  public func item(_ text: String) {
    endsWithBlock = false
    write("  - \(text)\n")
  }

  /// A diagnostic as a `!` block, set off by empty lines.
  public func diagnostic(_ diagnostic: Diagnostic) {
    write("\n" + DiagnosticRenderer.render(diagnostic))
    endsWithBlock = true
  }

  /// `- Done (finished in 0.02s)`.
  public func done(seconds: Double) {
    if endsWithBlock { write("\n") }
    write("- Done (finished in \(Self.duration(seconds)))\n")
  }

  /// A duration the way Heroku's buildpacks print it: `0.02s`, `3.4s`, `1m 5s`.
  public static func duration(_ seconds: Double) -> String {
    if seconds < 10 {
      let hundredths = Int((seconds * 100).rounded())
      let whole = hundredths / 100
      let fraction = hundredths % 100
      return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)s"
    }
    if seconds < 60 {
      let tenths = Int((seconds * 10).rounded())
      return "\(tenths / 10).\(tenths % 10)s"
    }
    let total = Int(seconds.rounded())
    return "\(total / 60)m \(total % 60)s"
  }
}
