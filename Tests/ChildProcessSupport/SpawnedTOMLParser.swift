import Core
import Foundation
import Testing

/// Runs a suite's tests with TOML parsed in a spawned `ChildProbe` instead of a forked test runner.
///
/// `IsolatedCall` forks without exec, which is safe only while a process has one thread; the test runner has
/// many. Debug builds stop at such a fork, so every suite that loads a configuration carries this trait.
public struct SpawnedTOMLParser: SuiteTrait, TestTrait, TestScoping {
  public var isRecursive: Bool { true }

  public func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    try await TOMLChildParser.$isolate.withValue(Self.isolate) { try await function() }
  }

  /// Parses a text with `ChildProbe parse-toml`, which exits 0 or 1 as `TOMLChildParser.forked`'s child does.
  public static let isolate: TOMLChildParser.Isolate = { text in
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "group-writable-toml-\(UUID().uuidString)")
    guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8)) else {
      return .unavailable(.noSuchFileOrDirectory)
    }
    defer { try? FileManager.default.removeItem(at: file) }
    return SpawnedProcess.run(
      BuiltExecutable.childProbe, ["parse-toml", file.path],
      seconds: Double(TOMLChildParser.timeLimit)
    ).outcome
  }
}

extension Trait where Self == SpawnedTOMLParser {
  /// TOML documents are parsed in a spawned child, not a forked copy of the test runner.
  public static var spawnedTOMLParser: Self { Self() }
}
