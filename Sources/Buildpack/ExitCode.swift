/// Process exit codes, named as the CNB spec and the CLI documentation name them.
public enum ExitCode {
  /// Success; for detect: the buildpack passes.
  public static let success: Int32 = 0
  /// Any error: invalid configuration, a failed build, a failed command.
  public static let failure: Int32 = 1
  /// Detect: the app did not opt in, so the buildpack does not take part.
  public static let detectFailed: Int32 = 100
}
