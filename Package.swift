// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "group-writable",
  products: [
    .executable(name: "group-writable", targets: ["group-writable"])
  ],
  dependencies: [
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    // Pure: gitignore parsing and matching on bytes. No Foundation.
    .target(name: "Patterns"),
    // Linux system calls that Swift's Glibc module does not import.
    .target(name: "CSystemShims"),
    // I/O edge: syscall wrappers, descriptor walker, permission changes. No Foundation.
    .target(name: "FileSystem", dependencies: ["Patterns", "CSystemShims"]),
    // The `ptrace` and seccomp interfaces Swift's Glibc module does not import, and the traced child's steps.
    .target(name: "CTracerShims"),
    // `group-writable trace`: records what a command writes in the app directory. Behind `WriteTracing`.
    .target(name: "Tracer", dependencies: ["Core", "FileSystem", "Patterns", "CTracerShims"]),
    // Configuration, selection report, diagnostics.
    .target(
      name: "Core", dependencies: ["Patterns", "FileSystem", "TOMLKit"],
      plugins: ["BuildpackInfoPlugin"]),
    // CNB glue: detect, build, layers, build output.
    .target(name: "Buildpack", dependencies: ["Core", "FileSystem", "Patterns", "TOMLKit"]),
    // The `group-writable` command line.
    .target(
      name: "CLI",
      dependencies: [
        "Core", "FileSystem", "Patterns", "Buildpack", "Tracer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "group-writable", dependencies: ["CLI", "Buildpack", "Core"]),
    // Build-time tool and plugin: generate `BuildpackInfo` (id, name, version) from buildpack.toml.
    .executableTarget(name: "BuildpackInfoGenerator", dependencies: ["TOMLKit"]),
    .plugin(
      name: "BuildpackInfoPlugin", capability: .buildTool(),
      dependencies: ["BuildpackInfoGenerator"]),
    // Helpers shared by the test targets (scratch trees).
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    // What a test needs a process of its own for (a fork is safe only with one thread; the test runner has
    // many): the helper executable, and the support that spawns it.
    .executableTarget(
      name: "ChildProbe", dependencies: ["FileSystem", "TOMLKit"], path: "Tests/ChildProbe"),
    .target(
      name: "ChildProcessSupport", dependencies: ["Core", "FileSystem"],
      path: "Tests/ChildProcessSupport"),
    // The walker's decision for one path, followed from the root: the oracle that the pattern
    // tests and fuzz/ compare with `PatternSet.decide`.
    .target(name: "PatternOracle", dependencies: ["Patterns"], path: "Tests/PatternOracle"),
    .testTarget(name: "PatternsTests", dependencies: ["Patterns", "PatternOracle"]),
    .testTarget(
      name: "FileSystemTests",
      dependencies: ["FileSystem", "Patterns", "TestSupport", "ChildProcessSupport"]),
    .testTarget(
      name: "CoreTests",
      dependencies: [
        "Core", "FileSystem", "Patterns", "TestSupport", "ChildProcessSupport", "TOMLKit",
      ]),
    .testTarget(
      name: "BuildpackTests",
      dependencies: [
        "Buildpack", "Core", "FileSystem", "Patterns", "TestSupport", "ChildProcessSupport",
        "TOMLKit",
      ]),
    .testTarget(
      name: "TracerTests",
      dependencies: ["Tracer", "Core", "Patterns", "TestSupport", "ChildProcessSupport"]),
    .testTarget(
      name: "CLITests",
      dependencies: [
        "CLI", "Core", "FileSystem", "Patterns", "TestSupport", "ChildProcessSupport", "Tracer",
      ]),
  ],
  swiftLanguageModes: [.v6]
)
