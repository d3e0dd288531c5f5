import FileSystem

extension CommandError {
  /// The largest `--patterns-file` read.
  public static let patternsFileLimit = 1 << 20

  /// The diagnostic for a failed command.
  public var diagnostic: Diagnostic {
    switch self {
    case .cannotOpenApp(let path, let error):
      return Diagnostic(
        title: "Cannot open the app directory",
        detail: ["Opening \(DiagnosticText.code(path)) failed: \(error)."],
        suggestions: ["Check `--app`, or run the command from the app directory."])
    case .noPatterns(let reason):
      return Diagnostic(
        title: "No patterns to use",
        detail: [
          "No `--pattern` or `--patterns-file` was given, so the app's configuration is used, and: "
            + reason.sentence
        ],
        suggestions: [
          "Give patterns with `-p PATTERN` or `--patterns-file FILE`.",
          "Or configure the app: a `[utility.group-writable]` table in `project.toml`, or "
            + "`BP_GROUP_WRITABLE_PATHS`.",
        ])
    case .cannotReadPatternsFile(let path, let error):
      return Diagnostic(
        title: "Cannot read the patterns file",
        detail: [
          "Reading \(DiagnosticText.code(path)) failed: \(Self.fileProblem(error, limit: Self.patternsFileLimit))."
        ],
        suggestions: ["Check the path, and that it is a readable gitignore-format file."])
    case .cannotReadReport(let path, let problem):
      let why: String
      switch problem {
      case .unreadable(let error): why = Self.fileProblem(error, limit: ReportFileLimits.reportSize)
      case .notAReport(let reason): why = "it is not a report (\(DiagnosticText.message(reason)))"
      }
      return Diagnostic(
        title: "Cannot read the report",
        detail: [
          "Reading \(DiagnosticText.code(path)) as a `report.toml` with a `roots` array failed: \(why)."
        ],
        suggestions: [
          "Give the `report.toml` from the `group-writable` launch layer, or leave `--report` out."
        ])
    case .incomplete(let command, let unread, let asRoot):
      return Diagnostic(
        title: "Could not read \(CountText.of(unread.total, "entry", "entries")): the result of "
          + "`\(command)` is incomplete",
        detail: [
          "A directory's entries, or an entry's status or attributes, could not be read: \(unread.listText). "
            + "Nothing below such a directory was seen."
        ],
        suggestions: [
          asRoot
            ? "Not even root could read them: look at them with `ls -ld` (a FUSE or NFS mount that squashes "
              + "root, or a directory removed during the run), and run the command where they are readable."
            : "Run the command as a user that can read them (the build user, or root), or make them readable "
              + "(`chmod u+rx DIR`)."
        ])
    case .cannotInspectPath(let path, let error):
      return Diagnostic(
        title: "Cannot inspect \(DiagnosticText.code(path))",
        detail: [
          "Whether \(DiagnosticText.code(path)) is a directory decides which patterns apply, and reading it "
            + "failed: \(error)."
        ],
        suggestions: [
          "Run the command as a user that can read the app directory (the build user, or root)."
        ])
    case .pathOutsideApp(let path, let app):
      return Diagnostic(
        title: "\(DiagnosticText.code(path)) is outside the app directory",
        detail: [
          "`check` answers for paths in the app directory \(DiagnosticText.code(app)) only, as "
            + "`git check-ignore` does for its work tree: no pattern can select anything outside it."
        ],
        suggestions: [
          "Give the path relative to the app directory (`--app`), such as `tmp/pids`, or absolute inside it."
        ])
    case .cannotWriteOutput(let path):
      return Diagnostic(
        title: "Cannot write the trace report",
        detail: ["Writing \(DiagnosticText.code(path)) failed, so the report was not saved."],
        suggestions: [
          "Give `--output` a path in a writable directory, or leave it out to print the report."
        ])
    case .traceIncomplete(let unreadable, let unrecorded, let escape):
      var missed: [String] = []
      if unreadable > 0 {
        missed.append(
          "the arguments of \(CountText.of(unreadable, "call")) could not be read (an address the process "
            + "could not map, or a path over 4,096 bytes)")
      }
      if unrecorded > 0 {
        missed.append(
          "\(CountText.of(unrecorded, "call")) made writes after \(CountText.number(TraceLimits.distinctWrites)) "
            + "distinct ones were kept")
      }
      var detail: [String] = []
      var suggestions: [String] = []
      if let escape {
        detail.append("The trace killed every traced process: \(Self.escapeText(escape)).")
        suggestions.append(
          "`trace` ends a run it cannot follow rather than report on part of it: trace a command that does not "
            + "do this (SECURITY.md, `trace`).")
      }
      if !missed.isEmpty || escape == nil {
        detail.append(
          missed.isEmpty
            ? "Some writes were not recorded."
            : "Some writes were not recorded: " + missed.joined(separator: "; ") + ".")
        suggestions.append(
          "Trace a shorter run (`--seconds`), or one part of the app at a time, and add up the suggestions."
        )
      }
      return Diagnostic(
        title: "The trace is incomplete: the suggestion may not cover every write", detail: detail,
        suggestions: suggestions)
    }
  }

  /// What a traced process did that the tracer cannot follow, as the end of a sentence.
  static func escapeText(_ escape: TraceEscape) -> String {
    switch escape {
    case .untracedChild:
      return "a process started a child with `CLONE_UNTRACED`, which the tracer cannot follow"
    case .stopSignal:
      return
        "a process sent a stop signal (`SIGSTOP`, `SIGTSTP`, `SIGTTIN` or `SIGTTOU`) to the tracer, its "
        + "process group, every process, or another process the trace does not follow"
    case .otherABI:
      return
        "a process made a 32-bit (i386 `int 0x80`) or x32 system call, which the tracer cannot read"
    }
  }

  /// Why a file could not be read, as the end of a sentence.
  static func fileProblem(_ error: Errno, limit: Int) -> String {
    switch error {
    case .fileTooLarge: return "it is larger than \(DiagnosticText.byteCount(limit))"
    case .invalidArgument: return "it is not a regular file"
    case .tooManySymbolicLinks: return "it is a symbolic link"
    default: return "\(error)"
    }
  }
}

/// Sizes of the files the start-up check and `doctor` read.
public enum ReportFileLimits {
  /// The largest `report.toml` read back: four times what a report can reach (`ReportLimits.reportBytes`), so
  /// a report an earlier version wrote with more roots still reads.
  public static let reportSize = 16 << 20
}
