import FuzzDriver

/// The `main` of a fuzz executable: hands the process's arguments and one test function to libFuzzer.
public enum FuzzEntry {
  /// Runs libFuzzer on `test` with the command line's flags and corpus directories; returns its exit status.
  public static func run(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    return LLVMFuzzerRunDriver(&argc, &argv, test)
  }
}
