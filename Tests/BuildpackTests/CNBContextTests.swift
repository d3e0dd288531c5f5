import Buildpack
import Foundation
import TestSupport
import Testing

@Suite struct CNBContextTests {
  @Test func readsTheCNBVariablesAndLaysPlatformEnvFilesOverTheEnvironment() throws {
    let platform = try TemporaryTree()
    try platform.file("env/BP_GROUP_WRITABLE_PATHS", contents: "/tmp/\n/log/")
    try platform.file("env/BP_LOG_LEVEL", contents: "DEBUG")
    let context = CNBContext.read(
      phase: .build, arguments: [],
      processEnvironment: [
        "CNB_PLATFORM_DIR": platform.root, "CNB_LAYERS_DIR": "/layers/gw",
        "CNB_BP_PLAN_PATH": "/plan",
        "BP_LOG_LEVEL": "INFO", "BP_GROUP_WRITABLE": "true",
      ])
    #expect(context.layersDirectory == "/layers/gw")
    #expect(context.environment["BP_GROUP_WRITABLE_PATHS"] == "/tmp/\n/log/")
    #expect(context.environment["BP_LOG_LEVEL"] == "DEBUG")
    #expect(context.environment["BP_GROUP_WRITABLE"] == "true")
  }

  @Test func fallsBackToPositionalArguments() {
    let detect = CNBContext.read(
      phase: .detect, arguments: ["/platform", "/plan.toml"], processEnvironment: [:])
    #expect(detect.platformDirectory == "/platform")
    let build = CNBContext.read(
      phase: .build, arguments: ["/layers", "/platform", "/plan.toml"], processEnvironment: [:])
    #expect(build.layersDirectory == "/layers")
    #expect(build.platformDirectory == "/platform")
  }

  @Test func environmentVariablesWinOverPositionalArguments() {
    let build = CNBContext.read(
      phase: .build, arguments: ["/old-layers", "/platform", "/plan.toml"],
      processEnvironment: ["CNB_LAYERS_DIR": "/layers"])
    #expect(build.layersDirectory == "/layers")
  }

  @Test func missingPlatformEnvDirectoryIsEmpty() {
    let context = CNBContext.read(
      phase: .detect, arguments: [], processEnvironment: ["CNB_PLATFORM_DIR": "/nonexistent"])
    #expect(context.environment == ["CNB_PLATFORM_DIR": "/nonexistent"])
  }

  @Test func skipsWhatIsNoVariableFileWithoutBlocking() throws {
    let platform = try TemporaryTree()
    try platform.file("env/BP_GROUP_WRITABLE_PATHS", contents: "/tmp/")
    try platform.file("env/not-a-name", contents: "x")
    try platform.file(
      "env/BP_BIG", contents: String(repeating: "x", count: CNBContext.platformValueLimit + 1))
    try platform.directory("env/BP_DIRECTORY")
    try platform.symlink("env/BP_LINK", to: "BP_GROUP_WRITABLE_PATHS")
    #expect(mkfifo(platform.path("env/BP_FIFO"), 0o644) == 0)
    let context = CNBContext.read(
      phase: .detect, arguments: [], processEnvironment: ["CNB_PLATFORM_DIR": platform.root])
    #expect(
      context.environment == [
        "CNB_PLATFORM_DIR": platform.root, "BP_GROUP_WRITABLE_PATHS": "/tmp/",
      ])
  }
}
