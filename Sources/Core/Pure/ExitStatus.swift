/// Process exit statuses, named as the CNB spec and the command line's documentation name them.
public enum ExitStatus {
  /// Success; for detect: the buildpack passes.
  public static let success: Int32 = 0
  /// Any error: invalid configuration, a failed build, a failed command, `check` with no selected path, `audit`
  /// with findings or an incomplete result.
  public static let failure: Int32 = 1
  /// `trace`: a write in the app directory was denied (with `--config`: would be denied after a build).
  public static let writesDenied: Int32 = 2
  /// Wrong usage of the command line (`EX_USAGE`, as swift-argument-parser exits).
  public static let usage: Int32 = 64
  /// Detect: the app did not opt in, so the buildpack does not take part.
  public static let detectFailed: Int32 = 100
}
