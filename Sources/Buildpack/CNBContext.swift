import FileSystem

/// What the lifecycle hands a buildpack: its layers directory and the environment, platform env files included.
public struct CNBContext: Sendable {
  /// The most variables read from `<platform>/env/`.
  public static let platformVariableLimit = 1_000
  /// The largest value read from one `<platform>/env/NAME` file.
  public static let platformValueLimit = 1 << 20

  /// `CNB_PLATFORM_DIR`.
  public var platformDirectory: String?
  /// `CNB_LAYERS_DIR` (build only).
  public var layersDirectory: String?
  /// The process environment with `<platform>/env/NAME` files laid over it (a file wins).
  public var environment: [String: String]

  /// Creates a context.
  public init(
    platformDirectory: String? = nil, layersDirectory: String? = nil, environment: [String: String]
  ) {
    self.platformDirectory = platformDirectory
    self.layersDirectory = layersDirectory
    self.environment = environment
  }

  /// Reads the context for `phase` from the environment, falling back to the positional arguments of
  /// Buildpack APIs before 0.8 (`detect PLATFORM PLAN`, `build LAYERS PLATFORM PLAN`).
  public static func read(
    phase: Phase, arguments: [String], processEnvironment: [String: String]
  ) -> CNBContext {
    var context = CNBContext(environment: processEnvironment)
    context.platformDirectory = processEnvironment["CNB_PLATFORM_DIR"]
    context.layersDirectory = processEnvironment["CNB_LAYERS_DIR"]
    switch phase {
    case .detect where arguments.count >= 2:
      context.platformDirectory = context.platformDirectory ?? arguments[0]
    case .build where arguments.count >= 3:
      context.layersDirectory = context.layersDirectory ?? arguments[0]
      context.platformDirectory = context.platformDirectory ?? arguments[1]
    default: break
    }
    if let platform = context.platformDirectory {
      context.environment.merge(Self.platformEnvironment(platform)) { _, file in file }
    }
    return context
  }

  /// The variables in `<platform>/env/`: one regular file per variable, its content the value (at most
  /// `platformValueLimit` bytes; a larger file, a symlink, a FIFO or a name that is no variable name is skipped).
  static func platformEnvironment(_ platform: String) -> [String: String] {
    guard let directory = try? AppDirectory.open(platform + "/env") else { return [:] }
    defer { directory.descriptor.close() }
    guard let names = try? DirectoryListing.names(in: directory.descriptor, limit: platformVariableLimit) else {
      return [:]
    }
    var result: [String: String] = [:]
    for (bytes, _) in names where isVariableName(bytes) {
      let name = String(decoding: bytes, as: UTF8.self)
      guard let value = try? directory.descriptor.readRegularFile(name, limit: platformValueLimit),
        let text = String(validating: value, as: UTF8.self)
      else { continue }
      result[name] = text
    }
    return result
  }

  /// Whether `bytes` is a portable variable name (letters, digits and `_`, not starting with a digit).
  static func isVariableName(_ bytes: [UInt8]) -> Bool {
    guard let first = bytes.first, !(0x30...0x39).contains(first) else { return false }
    return bytes.allSatisfy { byte in
      (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x5F
    }
  }
}
