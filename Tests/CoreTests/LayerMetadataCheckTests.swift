import ChildProcessSupport
import Glibc
import Testing

@testable import Core

/// The previous image's `<layer>.toml` is input: parsed in a child first, and only what this buildpack writes
/// is accepted.
@Suite(.spawnedTOMLParser) struct LayerMetadataCheckTests {
  static func metadata(roots: [String], total: Int? = nil) -> String {
    let list = roots.map { "\"\($0)\"" }.joined(separator: ", ")
    return
      "[metadata]\nversion = \"0.3.0\"\nroots = [\(list)]\nroots-total = \(total ?? roots.count)\n"
  }

  @Test(arguments: [
    ("[metadata]\n[[[a]]]\n", ReportText.ReadError.parserFailed(.killed(signal: SIGABRT))),
    ("[metadata]\nroots = [}\n", .parserFailed(.killed(signal: SIGABRT))),
    (
      metadata(roots: ["log/"], total: -5),
      .notWrittenByThisBuildpack(
        reason: "its `roots-total` (-5) is smaller than the 1 roots it lists")
    ),
    (
      metadata(roots: (0..<201).map { "d\($0)/" }),
      .notWrittenByThisBuildpack(
        reason: "it lists 201 roots, more than the 200 this buildpack keeps")
    ),
    (
      metadata(roots: [String(repeating: "x", count: 70_000)]),
      .notWrittenByThisBuildpack(
        reason: "its roots take 70000 bytes, more than the 65536 this buildpack keeps")
    ),
    (
      metadata(roots: ["log/", "esc\\u001B[31m/"]),
      .notWrittenByThisBuildpack(
        reason: "root 2 is not a path in the escaped form this buildpack writes")
    ),
    (
      metadata(roots: ["new\\nline/\\n- Done"]),
      .notWrittenByThisBuildpack(
        reason: "root 1 is not a path in the escaped form this buildpack writes")
    ),
    (
      metadata(roots: ["rtl\u{202E}/"]),
      .notWrittenByThisBuildpack(
        reason: "root 1 is not a path in the escaped form this buildpack writes")
    ),
    (
      metadata(roots: [""]),
      .notWrittenByThisBuildpack(
        reason: "root 1 is not a path in the escaped form this buildpack writes")
    ),
    (
      "[metadata]\nversion = \"\(String(repeating: "9", count: 65))\"\nroots = []\n",
      .notWrittenByThisBuildpack(
        reason: "its `version` is not a version this buildpack writes")
    ),
  ])
  func refuses(text: String, expected: ReportText.ReadError) {
    #expect(throws: expected) { try ReportText.layerMetadata(fromTOML: text) }
  }

  @Test func acceptsWhatItWrites() throws {
    var report = Report()
    report.version = "0.3.0"
    for name in ["log/", "new\nline/", "\u{202E}rtl/", "caf\u{E9}/"] {
      report.roots.add(DisplayPath.relative(Array(name.utf8), isDirectory: false))
    }
    let metadata = try ReportText.layerMetadata(fromTOML: ReportText.layerTOML(report))
    #expect(metadata.roots == [#"\u{202E}rtl/"#, "caf\u{E9}/", "log/", #"new\nline/"#])
  }

  @Test(arguments: [
    (
      ReportText.ReadError.parserFailed(.killed(signal: SIGABRT)),
      "the TOML parser crashed on it (signal 6)"
    ),
    (.parserFailed(.timedOut), "the TOML parser ran out of time on it"),
    (
      .parserFailed(.unavailable(.tryAgain)),
      "no child process could be started to parse it safely (EAGAIN (Resource temporarily unavailable))"
    ),
    (.notAReport(reason: "keyNotFound"), "keyNotFound"),
  ])
  func saysWhy(error: ReportText.ReadError, reason: String) {
    #expect(error.reason == reason)
  }

  @Test func warnsOnceWithTheFix() {
    let warning = BuildWarning.previousMetadataUnusable(
      path: "/layers/utility_group-writable/group-writable.toml",
      reason: "root 1 is not a path in the escaped form this buildpack writes\u{1B}[31m")
    #expect(
      DiagnosticRenderer.render(warning.diagnostic) == """
        ! Warning: Not comparing with the previous image
        !
        ! The previous image's `/layers/utility_group-writable/group-writable.toml`, which the lifecycle \
        restored, cannot be used: root 1 is not a path in the escaped form this buildpack writes\\x1B[31m. It \
        was read before anything was changed and is replaced by this build's, so the next build compares again.
        !
        ! How to fix it:
        ! - Only this buildpack writes that file: if the previous image was not built by it, rebuild from an \
        image you trust (`pack build` with a new image name, or after removing the old one).

        """)
  }
}
