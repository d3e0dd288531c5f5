import Buildpack
import Core
import FileSystem
import Foundation
import TestSupport
import Testing

/// A platform `env/` file of a variable the buildpack reads is never skipped or cut: it is used whole, or the
/// build stops naming it.
@Suite struct PlatformVariableFileTests {
  func context(_ prepare: (TemporaryTree) throws -> Void) throws -> CNBContext {
    let platform = try TemporaryTree()
    try platform.directory("env")
    try prepare(platform)
    return CNBContext.read(
      phase: .build, arguments: [], processEnvironment: ["CNB_PLATFORM_DIR": platform.root])
  }

  func problem(_ context: CNBContext) -> ConfigurationError.PlatformFileProblem? {
    guard case .platformVariableUnusable(_, _, let problem) = context.environmentError else {
      return nil
    }
    return problem
  }

  @Test func refusesASymbolicLinkAFIFOAndAnOversizedFile() throws {
    // Links point inside the tree: TemporaryTree's clean-up changes modes through links.
    let linked = try context { platform in
      try platform.file("env/value", contents: "true")
      try platform.symlink("env/BP_GROUP_WRITABLE", to: "value")
    }
    #expect(problem(linked) == .symbolicLink)
    #expect(
      problem(try context { _ = mkfifo($0.path("env/BP_GROUP_WRITABLE_EXCLUSIVE"), 0o644) })
        == .notRegularFile)
    let big = String(repeating: "/x/\n", count: CNBContext.platformValueLimit / 4 + 1)
    #expect(
      problem(try context { try $0.file("env/BP_GROUP_WRITABLE_PATHS", contents: big) })
        == .tooLarge(limit: CNBContext.platformValueLimit))
  }

  @Test func refusesAValueThatIsNotUTF8AndSaysOnWhichLine() throws {
    let context = try context { platform in
      let bytes = Array("/storage/\n!/storage/private/\n# caf".utf8) + [0xE9] + Array("\n".utf8)
      #expect(
        FileManager.default.createFile(
          atPath: platform.path("env/BP_GROUP_WRITABLE_PATHS"), contents: Data(bytes)))
    }
    #expect(problem(context) == .notUTF8(line: 3))
    #expect(context.environment["BP_GROUP_WRITABLE_PATHS"] == nil)
  }

  @Test func findsItsVariablesAmongAnyNumberOfOtherFiles() throws {
    let context = try context { platform in
      for index in 0..<1_500 { try platform.file("env/BP_OTHER_\(index)", contents: "x") }
      try platform.file("env/BP_GROUP_WRITABLE", contents: "false")
      try platform.file("env/BP_WEIRD", contents: "\u{FFFD}")
      try platform.symlink("env/BP_LINKED_ELSEWHERE", to: "BP_OTHER_1")
    }
    #expect(context.environmentError == nil)
    #expect(context.environment["BP_GROUP_WRITABLE"] == "false")
    #expect(context.environment["BP_OTHER_1"] == nil)
  }

  @Test func rendersTheErrorWithTheFileAndTheFix() {
    let error = ConfigurationError.platformVariableUnusable(
      variable: .enabled, path: "/platform/env/BP_GROUP_WRITABLE", problem: .notUTF8(line: 1))
    #expect(
      DiagnosticRenderer.render(error.diagnostic) == """
        ! Cannot read `BP_GROUP_WRITABLE`
        !
        ! The platform sets `BP_GROUP_WRITABLE` in `/platform/env/BP_GROUP_WRITABLE`, and that file is not UTF-8 \
        from line 1 on. The buildpack stops rather than build without the setting.
        !
        ! How to fix it:
        ! - Save it as UTF-8 (a stray byte in a comment counts too).
        ! - Or remove the file to leave `BP_GROUP_WRITABLE` unset.

        """)
  }

  @Test func stopsDetectAndBuildWithIt() throws {
    let platform = try TemporaryTree()
    try platform.file("env/BP_GROUP_WRITABLE_PATHS", contents: "/tmp/")
    _ = mkfifo(platform.path("env/BP_GROUP_WRITABLE_EXCLUSIVE"), 0o644)
    let app = try TemporaryTree()
    let directory = try AppDirectory.open(app.root)
    defer { directory.descriptor.close() }
    for phase in [Phase.detect, .build] {
      let context = CNBContext.read(
        phase: phase, arguments: [],
        processEnvironment: ["CNB_PLATFORM_DIR": platform.root, "CNB_LAYERS_DIR": platform.root])
      var errors = ""
      let status =
        phase == .detect
        ? Detector(
          context: context, app: directory, output: { _ in }, errorOutput: { errors += $0 }
        ).run()
        : Builder(
          context: context, app: directory, log: BuildLog { _ in }, errorOutput: { errors += $0 }
        ).run()
      #expect(status == ExitStatus.failure)
      #expect(errors.contains("! Cannot read `BP_GROUP_WRITABLE_EXCLUSIVE`\n"))
      #expect(errors.contains("that file is not a regular file."))
    }
  }
}
