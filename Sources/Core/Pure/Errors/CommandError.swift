import FileSystem

/// Why a command of the command line failed.
public enum CommandError: Error, Equatable, Sendable {
  /// The app directory could not be opened.
  case cannotOpenApp(path: String, Errno)
  /// No `-p`/`--patterns-file` and the app did not opt in.
  case noPatterns(OptOutReason)
  /// `--patterns-file` could not be read.
  case cannotReadPatternsFile(path: String, Errno)
  /// `--report` (or the image's report) could not be read as a report.
  case cannotReadReport(path: String, ReportProblem)
  /// Parts of the app directory could not be read, so the result is not complete; `asRoot` when the command ran
  /// as root, which reads everything a build could.
  case incomplete(command: String, unread: SampledPaths, asRoot: Bool)
  /// A path given to `check` could not be inspected.
  case cannotInspectPath(path: String, Errno)
  /// `check` was given a path that, normalised as git normalises it, leads out of the app directory `app`.
  case pathOutsideApp(path: String, app: String)
  /// `trace --output` could not be written.
  case cannotWriteOutput(path: String)
  /// `trace` could not read or keep some writes: `unreadable` calls' arguments, `unrecorded` calls over the cap,
  /// or it ended the trace at an `escape` it could not follow.
  case traceIncomplete(unreadable: Int, unrecorded: Int, escape: TraceEscape? = nil)

  /// What is wrong with a report file.
  public enum ReportProblem: Error, Equatable, Sendable {
    /// It could not be read (missing, a symlink, not a regular file, too large).
    case unreadable(Errno)
    /// It is not a report; `reason` is the decoder's message.
    case notAReport(reason: String)
  }
}
