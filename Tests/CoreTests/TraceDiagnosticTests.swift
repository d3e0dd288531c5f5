import Testing

@testable import Core

/// The exact text of `trace`'s warnings (the suggestion's notes) and of its two command errors.
@Suite struct TraceDiagnosticTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let diagnostic: Diagnostic
    let text: String
    var testDescription: String { name }
  }

  static func rootText(_ list: String) -> String {
    """
    ! Warning: The app writes names directly in the app directory
    !
    ! These need the app directory itself writable, which no pattern makes: \(list). Only whole-app mode \
    (`BP_GROUP_WRITABLE=true` with no patterns) makes the root writable, or, with the sticky bit, a selected SQLite \
    database at the root.
    !
    ! How to fix it:
    ! - Have the app write these in a subdirectory (`tmp/`, `log/`) and select that directory.

    """
  }

  static let ownerSuggestion = """
    ! How to fix it:
    ! - Have the app skip these changes at run time (the build can set the modes), or make these files at run time \
    in a writable directory, so the run user owns them.

    """

  static let readOnlySuggestion = """
    ! How to fix it:
    ! - Mount a volume (an `emptyDir`) at the writable directories, or list them in `ephemeral` so they live under \
    `/tmp` at run time (docs/READ-ONLY.md).

    """

  @Test(arguments: [
    Case(
      name: "names in the root",
      diagnostic: SuggestionNote.appDirectoryEntries([".", "server.pid"]).diagnostic,
      text: rootText("`.`, `server.pid`")),
    Case(
      name: "one name in the root, shown as the suggestion escaped it",
      diagnostic: SuggestionNote.appDirectoryEntries(["a\\nb\\\\c"]).diagnostic,
      text: rootText("`a\\nb\\\\c`")),
    Case(
      name: "owner changes",
      diagnostic: SuggestionNote.needsOwner(["public/x", "tmp/y"]).diagnostic,
      text: """
        ! Warning: The app changes modes, owners or times that only the owner may change
        !
        ! Group write cannot grant `chmod`, `chown` or setting explicit times on an entry the build user owns: \
        `public/x`, `tmp/y`.
        !

        """ + ownerSuggestion),
    Case(
      name: "read-only file system",
      diagnostic: SuggestionNote.readOnlyFileSystem(["log/a.log"]).diagnostic,
      text: """
        ! Warning: Writes failed on a read-only file system
        !
        ! No mode makes these writable: `log/a.log`. The patterns are suggested all the same.
        !

        """ + readOnlySuggestion),
    Case(
      name: "an output file that cannot be written",
      diagnostic: CommandError.cannotWriteOutput(path: "/ro/trace.txt").diagnostic,
      text: """
        ! Cannot write the trace report
        !
        ! Writing `/ro/trace.txt` failed, so the report was not saved.
        !
        ! How to fix it:
        ! - Give `--output` a path in a writable directory, or leave it out to print the report.

        """),
    Case(
      name: "unreadable and unrecorded calls",
      diagnostic: CommandError.traceIncomplete(unreadable: 1, unrecorded: 12_345).diagnostic,
      text: """
        ! The trace is incomplete: the suggestion may not cover every write
        !
        ! Some writes were not recorded: the arguments of 1 call could not be read (an address the process could \
        not map, or a path over 4,096 bytes); 12,345 calls made writes after 10,000 distinct ones were kept.
        !
        ! How to fix it:
        ! - Trace a shorter run (`--seconds`), or one part of the app at a time, and add up the suggestions.

        """),
    Case(
      name: "unreadable calls only",
      diagnostic: CommandError.traceIncomplete(unreadable: 2, unrecorded: 0).diagnostic,
      text: """
        ! The trace is incomplete: the suggestion may not cover every write
        !
        ! Some writes were not recorded: the arguments of 2 calls could not be read (an address the process could \
        not map, or a path over 4,096 bytes).
        !
        ! How to fix it:
        ! - Trace a shorter run (`--seconds`), or one part of the app at a time, and add up the suggestions.

        """),
    Case(
      name: "unrecorded calls only",
      diagnostic: CommandError.traceIncomplete(unreadable: 0, unrecorded: 1).diagnostic,
      text: """
        ! The trace is incomplete: the suggestion may not cover every write
        !
        ! Some writes were not recorded: 1 call made writes after 10,000 distinct ones were kept.
        !
        ! How to fix it:
        ! - Trace a shorter run (`--seconds`), or one part of the app at a time, and add up the suggestions.

        """),
    Case(
      name: "a child made with CLONE_UNTRACED",
      diagnostic: CommandError.traceIncomplete(unreadable: 0, unrecorded: 0, escape: .untracedChild)
        .diagnostic,
      text: """
        ! The trace is incomplete: the suggestion may not cover every write
        !
        ! The trace killed every traced process: a process started a child with `CLONE_UNTRACED`, which the tracer \
        cannot follow.
        !
        ! How to fix it:
        ! - `trace` ends a run it cannot follow rather than report on part of it: trace a command that does not do \
        this (SECURITY.md, `trace`).

        """),
    Case(
      name: "a stop signal that could reach the tracer",
      diagnostic: CommandError.traceIncomplete(unreadable: 0, unrecorded: 0, escape: .stopSignal)
        .diagnostic,
      text: """
        ! The trace is incomplete: the suggestion may not cover every write
        !
        ! The trace killed every traced process: a process sent a stop signal (`SIGSTOP`, `SIGTSTP`, `SIGTTIN` or \
        `SIGTTOU`) to the tracer, its process group, every process, or another process the trace does not follow.
        !
        ! How to fix it:
        ! - `trace` ends a run it cannot follow rather than report on part of it: trace a command that does not do \
        this (SECURITY.md, `trace`).

        """),
    Case(
      name: "a call of another ABI, with an unreadable call",
      diagnostic: CommandError.traceIncomplete(unreadable: 1, unrecorded: 0, escape: .otherABI)
        .diagnostic,
      text: """
        ! The trace is incomplete: the suggestion may not cover every write
        !
        ! The trace killed every traced process: a process made a 32-bit (i386 `int 0x80`) or x32 system call, \
        which the tracer cannot read.
        !
        ! Some writes were not recorded: the arguments of 1 call could not be read (an address the process could \
        not map, or a path over 4,096 bytes).
        !
        ! How to fix it:
        ! - `trace` ends a run it cannot follow rather than report on part of it: trace a command that does not do \
        this (SECURITY.md, `trace`).
        ! - Trace a shorter run (`--seconds`), or one part of the app at a time, and add up the suggestions.

        """),
  ])
  func rendersEachDiagnostic(_ row: Case) {
    #expect(DiagnosticRenderer.render(row.diagnostic) == row.text)
  }

  @Test func notesAreWarningsAndCommandErrorsAreErrors() {
    for note in [
      SuggestionNote.appDirectoryEntries(["x"]), .needsOwner(["x"]), .readOnlyFileSystem(["x"]),
    ] {
      #expect(note.diagnostic.severity == .warning)
    }
    #expect(CommandError.cannotWriteOutput(path: "x").diagnostic.severity == .error)
    #expect(
      CommandError.traceIncomplete(unreadable: 1, unrecorded: 1).diagnostic.severity == .error)
  }

  /// `p00`, `p01`, … in byte order.
  static func paths(_ count: Int) -> [String] {
    (0..<count).map { "tmp/p" + ($0 < 10 ? "0" : "") + "\($0)" }
  }

  static func listed(_ count: Int) -> String {
    paths(count).prefix(ReportLimits.pathsPerNotice).map { "`\($0)`" }.joined(separator: ", ")
  }

  @Test func aListOfAtMostTheLimitIsShownWhole() {
    #expect(ReportLimits.pathsPerNotice == 20)
    let paths = Self.paths(20)
    #expect(
      DiagnosticRenderer.render(SuggestionNote.readOnlyFileSystem(paths).diagnostic)
        == "! Warning: Writes failed on a read-only file system\n!\n! No mode makes these writable: "
        + Self.listed(20) + ". The patterns are suggested all the same.\n!\n"
        + Self.readOnlySuggestion)
  }

  @Test func aLongerListShowsTheFirstPathsAndHowManyMore() {
    #expect(
      DiagnosticRenderer.render(SuggestionNote.readOnlyFileSystem(Self.paths(21)).diagnostic)
        == "! Warning: Writes failed on a read-only file system\n!\n! No mode makes these writable: "
        + Self.listed(21) + " and 1 more. The patterns are suggested all the same.\n!\n"
        + Self.readOnlySuggestion)
    do {
      #expect(
        DiagnosticRenderer.render(SuggestionNote.needsOwner(Self.paths(25)).diagnostic)
          == "! Warning: The app changes modes, owners or times that only the owner may change\n!\n! Group write "
          + "cannot grant `chmod`, `chown` or setting explicit times on an entry the build user owns: "
          + Self.listed(25) + " and 5 more.\n!\n" + Self.ownerSuggestion)
    }
    do {
      #expect(
        DiagnosticRenderer.render(SuggestionNote.appDirectoryEntries(Self.paths(1_234)).diagnostic)
          == Self.rootText(Self.listed(1_234) + " and 1,214 more"))
    }
  }
}
