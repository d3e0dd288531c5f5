import Foundation

/// An executable that `swift build --build-tests` builds next to the test bundle.
public enum BuiltExecutable {
  /// The executable called `name` in the test bundle's folder or the nearest folder above it that has one.
  public static func named(_ name: String) -> URL {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: name)
  }

  /// The test helper `ChildProbe` (Tests/ChildProbe): work that needs a process of its own.
  public static let childProbe = named("ChildProbe")
}
