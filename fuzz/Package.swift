// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for group-writable; built and run by `scripts/fuzz` (see fuzz/README.md).
//
// The root package exports no library products, so this package cannot reach `Patterns` or `Core`
// through `.package(path: "..")`. Instead `Mirrors/<Target>` are symbolic links to the root's
// `Sources/<Target>` (and `Tests/PatternOracle`), declared below with the root's dependencies. Keep the dependency lists in
// step with the root Package.swift. Core's BuildpackInfoPlugin is left out: it only generates a
// `BuildpackInfo` enum that Core itself does not use.
let package = Package(
  name: "group-writable-fuzz",
  dependencies: [
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0")
  ],
  targets: [
    .target(name: "Patterns", path: "Mirrors/Patterns"),
    .target(name: "CSystemShims", path: "Mirrors/CSystemShims"),
    .target(
      name: "FileSystem", dependencies: ["Patterns", "CSystemShims"], path: "Mirrors/FileSystem"),
    .target(
      name: "Core", dependencies: ["Patterns", "FileSystem", "TOMLKit"], path: "Mirrors/Core"),
    // Checks shared by the fuzz targets: derived candidate paths and the walk-versus-decide oracle.
    .target(name: "PatternOracle", dependencies: ["Patterns"], path: "Mirrors/PatternOracle"),
    .target(
      name: "FuzzSupport",
      dependencies: ["Patterns", "PatternOracle", "Core", "FileSystem", "FuzzDriver"]),
    // The declaration of libFuzzer's `LLVMFuzzerRunDriver`, which each target's `main` calls.
    .target(name: "FuzzDriver"),
    // One fuzz executable per target: a `main.swift` whose test function libFuzzer drives.
    .executableTarget(name: "fuzz-patterns", dependencies: ["FuzzSupport", "Patterns"]),
    .executableTarget(
      name: "fuzz-configuration", dependencies: ["FuzzSupport", "Core", "FileSystem", "Patterns"]),
    .executableTarget(
      name: "fuzz-environment", dependencies: ["FuzzSupport", "Core", "FileSystem", "Patterns"]),
  ],
  swiftLanguageModes: [.v5]
)
