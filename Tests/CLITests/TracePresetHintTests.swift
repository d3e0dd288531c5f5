import ChildProcessSupport
import Core
import FileSystem
import Patterns
import Testing
import Tracer

@testable import CLI

/// `trace --config` names the preset of a framework found in the app that would allow writes still denied.
@Suite(.spawnedTOMLParser) struct TracePresetHintTests {
  static let rails = FrameworkDetection(
    preset: .rails, markers: ["bin/rails", "config/application.rb"])

  static func report(patterns: [String], detections: [FrameworkDetection]) throws -> TraceReport {
    let configuration = try Configuration.commandLine(options: patterns, file: nil, debug: false)
    let result = TraceReportTests.result(TraceReportTests.rails)
    return TraceReport(
      command: ["bin/rails", "server"], appDirectory: "/workspace", result: result,
      records: result.records,
      configuration: configuration, detections: detections)
  }

  @Test func namesThePresetThatWouldAllowWhatTheConfigurationDenies() throws {
    let report = try Self.report(patterns: ["/db/*.sqlite3"], detections: [Self.rails])
    #expect(report.deniedAfterBuild?.count == 3)
    #expect(report.presetHints == [.presetWouldAllow(detection: Self.rails, allowed: 2, denied: 3)])
    #expect(
      DiagnosticRenderer.render(report.presetHints[0].diagnostic) == """
        ! Warning: The `rails` preset would allow 2 of the 3 writes the configuration denies
        !
        ! `bin/rails` and `config/application.rb` show a Ruby on Rails app, and its preset is not applied.
        !
        ! How to fix it:
        ! - Apply it: add `presets = ["rails"]` to `[utility.group-writable]` in `project.toml`, or set \
        `BP_GROUP_WRITABLE_PRESETS=rails`, then trace again.

        """)
    #expect(report.diagnostics.contains(report.presetHints[0].diagnostic))
  }

  @Test func saysNothingWithoutAFrameworkOrWhenThePresetWouldNotHelp() throws {
    #expect(try Self.report(patterns: ["/db/*.sqlite3"], detections: []).presetHints.isEmpty)
    let django = FrameworkDetection(preset: .django, markers: ["manage.py"])
    #expect(try Self.report(patterns: ["/db/*.sqlite3"], detections: [django]).presetHints.isEmpty)
  }
}
