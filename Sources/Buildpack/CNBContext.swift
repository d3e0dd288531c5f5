#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the lifecycle hands a buildpack: its directories and the environment, platform env files included.
public struct CNBContext: Sendable {
  /// `CNB_PLATFORM_DIR`.
  public var platformDirectory: String?
  /// `CNB_LAYERS_DIR` (build only).
  public var layersDirectory: String?
  /// `CNB_BUILD_PLAN_PATH` (detect only).
  public var buildPlanPath: String?
  /// `CNB_BP_PLAN_PATH` (build only).
  public var buildpackPlanPath: String?
  /// `CNB_BUILDPACK_DIR`.
  public var buildpackDirectory: String?
  /// The process environment with `<platform>/env/NAME` files laid over it (a file wins).
  public var environment: [String: String]

  /// Reads the context for `phase` from the environment, falling back to the positional arguments of
  /// Buildpack APIs before 0.8 (`detect PLATFORM PLAN`, `build LAYERS PLATFORM PLAN`).
  public static func read(
    phase: Phase, arguments: [String], processEnvironment: [String: String]
  ) -> CNBContext {
    var context = CNBContext(environment: processEnvironment)
    context.platformDirectory = processEnvironment["CNB_PLATFORM_DIR"]
    context.layersDirectory = processEnvironment["CNB_LAYERS_DIR"]
    context.buildPlanPath = processEnvironment["CNB_BUILD_PLAN_PATH"]
    context.buildpackPlanPath = processEnvironment["CNB_BP_PLAN_PATH"]
    context.buildpackDirectory = processEnvironment["CNB_BUILDPACK_DIR"]
    switch phase {
    case .detect where arguments.count >= 2:
      context.platformDirectory = context.platformDirectory ?? arguments[0]
      context.buildPlanPath = context.buildPlanPath ?? arguments[1]
    case .build where arguments.count >= 3:
      context.layersDirectory = context.layersDirectory ?? arguments[0]
      context.platformDirectory = context.platformDirectory ?? arguments[1]
      context.buildpackPlanPath = context.buildpackPlanPath ?? arguments[2]
    default: break
    }
    if let platform = context.platformDirectory {
      context.environment.merge(Self.platformEnvironment(platform)) { _, file in file }
    }
    return context
  }

  /// The variables in `<platform>/env/`: one file per variable, its content the value.
  static func platformEnvironment(_ platform: String) -> [String: String] {
    let directory = URL(fileURLWithPath: platform).appendingPathComponent("env")
    guard
      let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
    else { return [:] }
    var result: [String: String] = [:]
    for name in names where !name.hasPrefix(".") {
      let file = directory.appendingPathComponent(name)
      if let data = try? Data(contentsOf: file), let value = String(data: data, encoding: .utf8) {
        result[name] = value
      }
    }
    return result
  }
}
