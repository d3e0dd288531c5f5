import CTracerShims
import Core
import FileSystem
import Testing

@testable import Tracer

/// The exact text of every reason a command could not be traced.
@Suite struct TraceErrorDiagnosticTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let error: TraceError
    let text: String
    var testDescription: String { "\(error)" }
  }

  static let ptraceRefused = """
    ! Tracing is not allowed here
    !
    ! Starting `bin/rails` under `ptrace` failed: EPERM (Operation not permitted). A seccomp profile that forbids \
    `ptrace`, a security module (Yama's `ptrace_scope` 3, AppArmor, SELinux) or a tracer already attached to this \
    process refuses it.
    !
    ! How to fix it:
    ! - In Docker, allow it for this run: `docker run --cap-add SYS_PTRACE` or `--security-opt seccomp=unconfined` \
    (Docker's default profile allows `ptrace` on Linux 4.8 and later).
    ! - In Kubernetes, trace in a pod with the `RuntimeDefault` seccomp profile, or on a machine where you run the \
    image with `docker run`.

    """

  static func seccompRefused(_ error: String) -> String {
    """
    ! Cannot install the seccomp filter `trace` stops on
    !
    ! Installing the filter for `bin/rails` failed: \(error). A seccomp profile that forbids `seccomp` or `prctl`, \
    or a kernel without seccomp filters, refuses it.
    !
    ! How to fix it:
    ! - Run the trace where seccomp filters are allowed: `docker run --security-opt seccomp=unconfined`.

    """
  }

  static func cannotRun(_ command: String, _ error: String) -> String {
    """
    ! Cannot run \(command)
    !
    ! Running it failed: \(error).
    !
    ! How to fix it:
    ! - Check that the file is an executable for this machine, and that you may run it.

    """
  }

  static let notFoundSuggestion = """
    ! How to fix it:
    ! - Give the command after `--` as a path, or as a name found in `PATH`: `trace -- bin/rails server`.

    """

  @Test(arguments: [
    Case(
      error: .unsupportedArchitecture("linux/arm64"),
      text: """
        ! `trace` is available on linux/amd64 only
        !
        ! `trace` reads x86_64 system call registers, and this executable was built for linux/arm64.
        !
        ! How to fix it:
        ! - Run `trace` on an amd64 (x86_64) machine or image, with the linux/amd64 build of group-writable: \
        the patterns it suggests hold on every processor.

        """),
    Case(
      error: .commandNotFound(""),
      text: """
        ! No command to trace
        !
        ! `trace` needs the command to run after `--`.
        !

        """ + notFoundSuggestion),
    Case(
      error: .commandNotFound("rails"),
      text: """
        ! Cannot find `rails`
        !
        ! No executable file named `rails` is in the directories of `PATH`.
        !

        """ + notFoundSuggestion),
    Case(
      error: .commandNotFound("bad\nname\\"),
      text: """
        ! Cannot find `bad\\nname\\\\`
        !
        ! No executable file named `bad\\nname\\\\` is in the directories of `PATH`.
        !

        """ + notFoundSuggestion),
    Case(
      error: .cannotStart(command: "bin/rails", step: .traceMe, .notPermitted), text: ptraceRefused),
    Case(
      error: .cannotStart(command: "bin/rails", step: .setOptions, .notPermitted),
      text: ptraceRefused),
    Case(
      error: .cannotStart(command: "bin/rails", step: .noNewPrivileges, .invalidArgument),
      text: seccompRefused("EINVAL (Invalid argument)")),
    Case(
      error: .cannotStart(command: "bin/rails", step: .seccomp, .notPermitted),
      text: seccompRefused("EPERM (Operation not permitted)")),
    Case(
      error: .cannotStart(command: "bin/rails", step: .protectTracer, .notPermitted),
      text: """
        ! Cannot protect `trace` from `bin/rails`
        !
        ! Making `trace` undumpable (`prctl(PR_SET_DUMPABLE, 0)`), so that the traced processes cannot `ptrace` it \
        or write its memory, failed: EPERM (Operation not permitted). A seccomp profile that forbids `prctl` refuses it.
        !
        ! How to fix it:
        ! - Run the trace where `prctl` is allowed: `docker run --security-opt seccomp=unconfined`.

        """),
    Case(
      error: .cannotStart(command: "bin/rails", step: .armTimeLimit, .tryAgain),
      text: """
        ! Cannot set the time limit of `trace`
        !
        ! Arming the timer that kills `trace` and every traced process if the trace outlives `--seconds` failed: \
        EAGAIN (Resource temporarily unavailable).
        !
        ! How to fix it:
        ! - Check the limit of pending signals (`ulimit -i`), then trace again; or trace without `--seconds`.

        """),
    Case(
      error: .cannotStart(command: "bin/rails", step: .fork, .tryAgain),
      text: """
        ! Cannot start `bin/rails`
        !
        ! Starting a process failed: EAGAIN (Resource temporarily unavailable).
        !
        ! How to fix it:
        ! - Check the process limit (`ulimit -u`) and free memory, then trace again.

        """),
    Case(
      error: .cannotStart(command: "bin/rails", step: .stop, .interrupted),
      text: cannotRun("`bin/rails`", "EINTR (Interrupted system call)")),
    Case(
      error: .cannotStart(command: "script", step: .exec, .permissionDenied),
      text: cannotRun("`script`", "EACCES (Permission denied)")),
    Case(
      error: .cannotStart(command: "a\u{1b}[2Jb", step: .exec, .noSuchFileOrDirectory),
      text: cannotRun("`a\\x1B[2Jb`", "ENOENT (No such file or directory)")),
    Case(
      error: .lostTracees(.interrupted),
      text: """
        ! Lost track of the traced processes
        !
        ! Waiting for the traced processes failed: EINTR (Interrupted system call).
        !
        ! How to fix it:
        ! - Run the trace again; if it happens again, report it with the command you traced.

        """),
  ])
  func rendersEachError(_ row: Case) {
    #expect(DiagnosticRenderer.render(row.error.diagnostic) == row.text)
    #expect(row.error.diagnostic.severity == .error)
  }

  /// The tracer runs where it was built for x86_64, and refuses before starting anything elsewhere.
  @Test func refusesEveryProcessorButX86_64() {
    #if arch(x86_64)
      #expect(throws: Never.self) { try PtraceWriteTracer.checkArchitecture() }
    #elseif arch(arm64)
      #expect(throws: TraceError.unsupportedArchitecture("linux/arm64")) {
        try PtraceWriteTracer.checkArchitecture()
      }
    #endif
  }

  /// The steps the child reports through its error pipe are the C side's numbers.
  @Test func theChildsStepsAreTheShimsNumbers() {
    let steps: [(gw_trace_child_step, TraceError.Step)] = [
      (gw_step_traceme, .traceMe), (gw_step_stop, .stop), (gw_step_no_new_privs, .noNewPrivileges),
      (gw_step_seccomp, .seccomp), (gw_step_exec, .exec),
    ]
    for (number, step) in steps {
      #expect(TraceError.Step(rawValue: Int32(number.rawValue)) == step)
    }
  }
}
