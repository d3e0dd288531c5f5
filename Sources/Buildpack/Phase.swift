/// Which job the executable does, picked from the name it was run under (the basename of `argv[0]`).
public enum Phase: Equatable, Sendable {
  /// `bin/detect`.
  case detect
  /// `bin/build`.
  case build
  /// The launch-time self-check in the layer's `exec.d`.
  case runtimeCheck
  /// Any other name: the `group-writable` command line.
  case commandLine

  /// The phase for `argv[0]`.
  public init(executablePath: String) {
    let name = executablePath.split(separator: "/").last.map(String.init) ?? executablePath
    switch name {
    case "detect": self = .detect
    case "build": self = .build
    case RuntimeCheck.executableName: self = .runtimeCheck
    default: self = .commandLine
    }
  }
}
