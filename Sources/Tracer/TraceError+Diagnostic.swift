import Core
import FileSystem

extension TraceError {
  /// The diagnostic for a command that could not be traced.
  public var diagnostic: Diagnostic {
    switch self {
    case .unsupportedArchitecture(let platform):
      return Diagnostic(
        title: "`trace` is available on linux/amd64 only",
        detail: [
          "`trace` reads x86_64 system call registers, and this executable was built for \(platform)."
        ],
        suggestions: [
          "Run `trace` on an amd64 (x86_64) machine or image, with the linux/amd64 build of group-writable: the "
            + "patterns it suggests hold on every processor."
        ])
    case .commandNotFound(let name):
      let detail: String
      if name.isEmpty {
        detail = "`trace` needs the command to run after `--`."
      } else if name.utf8.contains(UInt8(ascii: "/")) {
        detail = "\(DiagnosticText.code(name)) is not there, or is not an executable file."
      } else {
        detail =
          "No executable file named \(DiagnosticText.code(name)) is in the directories of `PATH`."
      }
      return Diagnostic(
        title: name.isEmpty ? "No command to trace" : "Cannot find \(DiagnosticText.code(name))",
        detail: [detail],
        suggestions: [
          "Give the command after `--` as a path, or as a name found in `PATH`: `trace -- bin/rails server`."
        ])
    case .cannotStart(let command, let step, let error):
      return startDiagnostic(command: DiagnosticText.code(command), step: step, error: error)
    case .lostTracees(let error):
      return Diagnostic(
        title: "Lost track of the traced processes",
        detail: ["Waiting for the traced processes failed: \(error)."],
        suggestions: [
          "Run the trace again; if it happens again, report it with the command you traced."
        ])
    }
  }

  private func startDiagnostic(command: String, step: Step, error: Errno) -> Diagnostic {
    switch step {
    case .traceMe, .setOptions:
      return Diagnostic(
        title: "Tracing is not allowed here",
        detail: [
          "Starting \(command) under `ptrace` failed: \(error). A seccomp profile that forbids `ptrace`, a "
            + "security module (Yama's `ptrace_scope` 3, AppArmor, SELinux) or a tracer already attached to "
            + "this process refuses it."
        ],
        suggestions: [
          "In Docker, allow it for this run: `docker run --cap-add SYS_PTRACE` or `--security-opt seccomp=unconfined` "
            + "(Docker's default profile allows `ptrace` on Linux 4.8 and later).",
          "In Kubernetes, trace in a pod with the `RuntimeDefault` seccomp profile, or on a machine where you "
            + "run the image with `docker run`.",
        ])
    case .noNewPrivileges, .seccomp:
      return Diagnostic(
        title: "Cannot install the seccomp filter `trace` stops on",
        detail: [
          "Installing the filter for \(command) failed: \(error). A seccomp profile that forbids `seccomp` "
            + "or `prctl`, or a kernel without seccomp filters, refuses it."
        ],
        suggestions: [
          "Run the trace where seccomp filters are allowed: `docker run --security-opt seccomp=unconfined`."
        ])
    case .protectTracer:
      return Diagnostic(
        title: "Cannot protect `trace` from \(command)",
        detail: [
          "Making `trace` undumpable (`prctl(PR_SET_DUMPABLE, 0)`), so that the traced processes cannot `ptrace` "
            + "it or write its memory, failed: \(error). A seccomp profile that forbids `prctl` refuses it."
        ],
        suggestions: [
          "Run the trace where `prctl` is allowed: `docker run --security-opt seccomp=unconfined`."
        ])
    case .armTimeLimit:
      return Diagnostic(
        title: "Cannot set the time limit of `trace`",
        detail: [
          "Arming the timer that kills `trace` and every traced process if the trace outlives `--seconds` failed: "
            + "\(error)."
        ],
        suggestions: [
          "Check the limit of pending signals (`ulimit -i`), then trace again; or trace without `--seconds`."
        ])
    case .fork:
      return Diagnostic(
        title: "Cannot start \(command)",
        detail: ["Starting a process failed: \(error)."],
        suggestions: ["Check the process limit (`ulimit -u`) and free memory, then trace again."])
    case .stop, .exec:
      return Diagnostic(
        title: "Cannot run \(command)",
        detail: ["Running it failed: \(error)."],
        suggestions: [
          "Check that the file is an executable for this machine, and that you may run it."
        ])
    }
  }
}
