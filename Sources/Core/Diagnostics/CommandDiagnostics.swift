import FileSystem

/// Diagnostics for the `group-writable` command line.
public enum CommandDiagnostics {
  /// The largest `--patterns-file` read.
  public static let patternsFileLimit = 1 << 20

  /// No `-p`/`--patterns-file` and the app did not opt in.
  public static func noPatterns(reason: String) -> Diagnostic {
    Diagnostic(
      title: "No patterns to use",
      detail: [
        "No `--pattern` or `--patterns-file` was given, so the app's configuration is used, and: "
          + reason
      ],
      suggestions: [
        "Give patterns with `-p PATTERN` or `--patterns-file FILE`.",
        "Or configure the app: a `[utility.group-writable]` table in `project.toml`, or "
          + "`BP_GROUP_WRITABLE_PATHS`.",
      ])
  }

  /// `--patterns-file` could not be read.
  public static func cannotReadPatternsFile(path: String, error: Errno) -> Diagnostic {
    let why: String
    switch error {
    case .fileTooLarge:
      why = "it is larger than \(DiagnosticText.byteCount(patternsFileLimit))"
    case .invalidArgument:
      why = "it is not a regular file"
    default:
      why = error.description
    }
    return Diagnostic(
      title: "Cannot read the patterns file",
      detail: ["Reading \(DiagnosticText.code(path)) failed: \(why)."],
      location: DiagnosticLocation(path: path),
      suggestions: ["Check the path, and that it is a readable gitignore-format file."])
  }

  /// The app directory could not be opened.
  public static func cannotOpenApp(path: String, error: Errno) -> Diagnostic {
    Diagnostic(
      title: "Cannot open the app directory",
      detail: ["Opening \(DiagnosticText.code(path)) failed: \(error)."],
      location: DiagnosticLocation(path: path),
      suggestions: ["Check `--app`, or run the command from the app directory."])
  }

  /// `--report` could not be read as a report.
  public static func cannotReadReport(path: String) -> Diagnostic {
    Diagnostic(
      title: "Cannot read the report",
      detail: ["\(DiagnosticText.code(path)) is not a readable `report.toml` with a `roots` array."],
      location: DiagnosticLocation(path: path),
      suggestions: ["Give the `report.toml` from the `group-writable` launch layer, or leave `--report` out."])
  }
}
