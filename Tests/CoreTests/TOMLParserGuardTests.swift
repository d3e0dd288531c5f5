import ChildProcessSupport
import FileSystem
import Testing

@testable import Core

/// When no child process can be started, `project.toml` is refused, never parsed in-process.
@Suite(.spawnedTOMLParser) struct TOMLParserGuardTests {
  /// Fails like `fork` under `RLIMIT_NPROC=0`.
  static func unavailable(_ text: Substring) -> IsolatedCall.Outcome {
    .unavailable(.tryAgain)
  }

  /// The known abort shapes and a valid file: all refused alike, the abort shapes never parsed.
  @Test(arguments: [
    "[, utility]\n", "paths = [}\n", "[utility.group-writable]\npaths = [\"log/\"]\n",
  ])
  func refusesWhenNoChildCanBeStarted(text: String) {
    var result: ProjectSettings??
    var error: ConfigurationError?
    do {
      result = try ProjectSettingsParser.parse(
        text: Array(text.utf8), fileName: "project.toml", isolate: Self.unavailable)
    } catch let thrown {
      error = thrown
    }
    #expect(result == nil)
    #expect(error == .parserUnavailable(file: "project.toml", cause: .tryAgain))
  }

  @Test func parsesWhenTheChildReturns() throws {
    let settings = try ProjectSettingsParser.parse(
      text: Array("[utility.group-writable]\nsetgid = true\n".utf8), fileName: "project.toml",
      isolate: { _ in .returned(0) })
    #expect(settings == ProjectSettings(setgid: true))
  }

  @Test func stillFindsTheAbortingCharacterWithAChild() {
    #expect(throws: ConfigurationError.self) {
      try TOMLParserGuard.check("[utility]\n[, utility]\n", fileName: "project.toml")
    }
  }

  @Test func rendersTheRefusal() {
    let error = ConfigurationError.parserUnavailable(file: "project.toml", cause: .tryAgain)
    #expect(
      rendered(error) == """
        ! Cannot check `project.toml` safely
        !
        ! The buildpack parses `project.toml` in a child process, but it could not start one: \
        EAGAIN (Resource temporarily unavailable).
        !
        ! The TOML parser can crash on some malformed files, so the buildpack does not parse \
        `project.toml` in its own process.
        !
        ! How to fix it:
        ! - Let the build start a child process: raise its process limit (`ulimit -u`, \
        `RLIMIT_NPROC`) above the number of processes the build user already runs.

        """)
  }
}
