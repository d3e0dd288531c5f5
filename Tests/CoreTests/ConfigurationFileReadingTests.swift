import ChildProcessSupport
import Core
import FileSystem
import Patterns
import Testing

/// How the loader reads `project.toml` and the patterns file: missing, unreadable, over the cap, not opted in.
@Suite(.spawnedTOMLParser) struct ConfigurationFileReadingTests {
  @Test func treatsAMissingProjectFileAsNoTable() {
    let files = FakeAppFiles()
    guard case .success(.notOptedIn(let reason)) = loadDecision(files) else {
      Issue.record("expected not opted in")
      return
    }
    #expect(reason.sentence == ConfigurationLoaderTests.notConfigured)
    #expect(files.reads == ["project.toml"])
  }

  @Test(arguments: [
    AppFileError.symbolicLink(path: "project.toml", component: "project.toml"),
    .notRegularFile(path: "project.toml"),
    .systemError(path: "project.toml", .permissionDenied),
  ])
  func rejectsAnUnreadableProjectFile(cause: AppFileError) {
    let files = FakeAppFiles(errors: ["project.toml": cause])
    #expect(loadDecision(files).error == .projectFileUnreadable(file: "project.toml", cause: cause))
  }

  @Test func capsTheProjectFileAtOneMebibyte() {
    #expect(ConfigurationLoader.maximumFileSize == 1_048_576)
    #expect(ConfigurationLimits.fileBytes == 1_048_576)
    let header = "[utility.group-writable]\n#"
    let atLimit = header + String(repeating: "x", count: (1 << 20) - header.utf8.count)
    #expect(
      optedInConfiguration(loadDecision(FakeAppFiles(files: ["project.toml": atLimit]))) != nil)
    let overLimit = atLimit + "x"
    let error = loadDecision(FakeAppFiles(files: ["project.toml": overLimit])).error
    #expect(
      error
        == .projectFileUnreadable(
          file: "project.toml", cause: .tooLarge(path: "project.toml", limit: 1 << 20)))
  }

  @Test(arguments: [
    AppFileError.notFound(path: "writable.txt"),
    .symbolicLink(path: "writable.txt", component: "writable.txt"),
    .outsideAppDirectory(path: "writable.txt"),
  ])
  func rejectsAnUnreadablePathsFile(cause: AppFileError) {
    let files = FakeAppFiles(
      files: ["project.toml": "[utility.group-writable]\npaths-file = \"writable.txt\"\n"],
      errors: cause == .notFound(path: "writable.txt") ? [:] : ["writable.txt": cause])
    #expect(
      loadDecision(files).error
        == .pathsFileUnreadable(
          path: "writable.txt", source: .key(.pathsFile, file: "project.toml", line: 2),
          cause: cause))
  }

  @Test func capsThePathsFileAtOneMebibyte() {
    let files = FakeAppFiles(files: [
      "project.toml": "[utility.group-writable]\npaths-file = \"big\"\n",
      "big": String(repeating: "a\n", count: (1 << 19) + 1),
    ])
    #expect(
      loadDecision(files).error
        == .pathsFileUnreadable(
          path: "big", source: .key(.pathsFile, file: "project.toml", line: 2),
          cause: .tooLarge(path: "big", limit: 1 << 20)))
  }

  @Test func doesNotReadThePathsFileWhenNotOptedIn() {
    let files = FakeAppFiles(files: [
      "project.toml": "[utility.group-writable]\nenabled = false\npaths-file = \"missing\"\n"
    ])
    guard case .success(.notOptedIn(let reason)) = loadDecision(files) else {
      Issue.record("expected not opted in")
      return
    }
    #expect(reason.sentence == ConfigurationLoaderTests.tableDisabled)
    #expect(files.reads == ["project.toml"])
  }

  @Test func reportsProjectFileErrorsEvenWhenNotOptedIn() {
    let files = FakeAppFiles(files: ["project.toml": "[utility.group-writable]\nenabled = 0\n"])
    #expect(
      loadDecision(files).error
        == .wrongType(
          file: "project.toml", key: .enabled, element: nil, expected: .boolean,
          found: .integer, line: 2))
  }

  @Test func readsPathsFilesWithInvalidUTF8AsBytes() throws {
    let files = FakeAppFiles(files: [
      "project.toml": "[utility.group-writable]\npaths-file = \"list\"\n"
    ])
    files.files["list"] = [0x61, 0xFF, 0x0A, 0x62]
    let configuration = try #require(optedInConfiguration(loadDecision(files)))
    #expect(configuration.patterns.map(\.bytes) == [[0x61, 0xFF], [0x62]])
  }
}
