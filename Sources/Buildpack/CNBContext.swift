import Core
import FileSystem

/// What the lifecycle hands a buildpack: its layers directory and the environment, platform env files included.
public struct CNBContext: Sendable {
  /// The largest value read from one `<platform>/env/NAME` file.
  public static let platformValueLimit = 1 << 20

  /// `CNB_PLATFORM_DIR`.
  public var platformDirectory: String?
  /// `CNB_LAYERS_DIR` (build only).
  public var layersDirectory: String?
  /// The process environment with `<platform>/env/NAME` files laid over it (a file wins).
  public var environment: [String: String]
  /// Why a `<platform>/env/` file of a variable the buildpack reads could not be used; detect and build stop on
  /// it rather than build without the setting.
  public var environmentError: ConfigurationError?

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
      do {
        context.environment.merge(try Self.platformEnvironment(platform)) { _, file in file }
      } catch {
        context.environmentError = error
      }
    }
    return context
  }

  /// The variables the buildpack reads (`EnvironmentVariable`) that `<platform>/env/` sets: one regular file per
  /// variable, its content the value. Each is looked up by name, so no number of other files can hide one, and
  /// one that cannot be used (a symbolic link, a FIFO or other non-regular file, over `platformValueLimit`
  /// bytes, not UTF-8, unreadable) is an error naming it: never skipped, never cut.
  static func platformEnvironment(_ platform: String) throws(ConfigurationError) -> [String: String]
  {
    let path = platform + "/env"
    guard let directory = try? AppDirectory.open(path) else { return [:] }
    defer { directory.descriptor.close() }
    var result: [String: String] = [:]
    for variable in EnvironmentVariable.allCases {
      func refuse(_ problem: ConfigurationError.PlatformFileProblem) -> ConfigurationError {
        .platformVariableUnusable(
          variable: variable, path: "\(path)/\(variable.name)", problem: problem)
      }
      let bytes: [UInt8]
      do {
        bytes = try directory.descriptor.readRegularFile(variable.name, limit: platformValueLimit)
      } catch {
        switch error {
        case .noSuchFileOrDirectory: continue
        case .tooManySymbolicLinks: throw refuse(.symbolicLink)
        case .invalidArgument: throw refuse(.notRegularFile)
        case .fileTooLarge: throw refuse(.tooLarge(limit: platformValueLimit))
        default: throw refuse(.unreadable(error))
        }
      }
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw refuse(.notUTF8(line: Self.lineOfFirstInvalidUTF8(bytes)))
      }
      result[variable.name] = text
    }
    return result
  }

  /// The 1-based line of the first byte of `bytes` that is not valid UTF-8.
  static func lineOfFirstInvalidUTF8(_ bytes: [UInt8]) -> Int {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var line = 1
    while case .valid(let encoded) = parser.parseScalar(from: &iterator) {
      if Unicode.UTF8.decode(encoded) == "\n" { line += 1 }
    }
    return line
  }
}
