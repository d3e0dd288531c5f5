"""`trace` refusing: where ptrace or seccomp is refused, an unknown command, no command (a table of
cases), and the one check the suite is under GW_EMULATOR."""

import os
from pathlib import Path

import cnb
import process
import trace_app

ENV = {"PATH": cnb.PATH_ENV, "HOME": "/nonexistent"}


def refusal_cases(deny, binary):
    """(what, argv, exit status, a whole line of stderr, texts in stderr) for each refusal; `deny`
    runs a command under a seccomp filter failing one system call."""
    return [
        (
            f"trace under a seccomp filter refusing ptrace ({trace_app.PTRACE_NR})",
            [*deny, trace_app.PTRACE_NR, binary, "trace", "--", "true"],
            1,
            "! Tracing is not allowed here",
            ["SYS_PTRACE"],
        ),
        (
            f"trace under a seccomp filter refusing seccomp ({trace_app.SECCOMP_NR})",
            [*deny, trace_app.SECCOMP_NR, binary, "trace", "--", "true"],
            1,
            "! Cannot install the seccomp filter `trace` stops on",
            ["seccomp=unconfined"],
        ),
        (
            "trace -- /nonexistent",
            [binary, "trace", "--", "/nonexistent"],
            1,
            "! Cannot find `/nonexistent`",
            [],
        ),
        (
            "trace without a command (usage)",
            [binary, "trace"],
            64,
            "Error: Give the command to trace after `--`.",
            ["Usage: group-writable trace"],
        ),
    ]


def check_refusals(run, binary):
    """`trace` where ptrace or seccomp is refused, an unknown command, no command, as the run user
    of `run` (a TraceRun)."""
    lc = run.lc
    script = lc.root / "deny-syscall.py"
    script.write_text(trace_app.DENY_SYSCALL)
    os.chmod(script, 0o644)
    deny = [run.python, script]
    for what, argv, code, line, texts in refusal_cases(deny, binary):
        outcome = process.run_as(lc.run_user, argv, ENV, lc.image_workspace, timeout=60)
        run.check(
            f"{what}: exits {code}, says {line!r}, no crash",
            outcome.code == code
            and not process.has_backtrace(outcome.stderr)
            and line in outcome.stderr.splitlines()
            and all(text in outcome.stderr for text in texts),
            outcome.describe(),
        )


def run_emulated(reporter, layouts, buildpack, work, python, only):
    """Under GW_EMULATOR the suite is this one check: qemu-user does not emulate `ptrace` for its
    guest, and a linux/arm64 executable refuses `trace` before trying, naming linux/amd64. (An amd64
    executable under qemu-x86_64-static, as when developing the harness, gets as far as `ptrace`,
    which the emulator fails: "Tracing is not allowed here".)"""
    layout = layouts[0]
    label = f"trace/{layout.name}/emulated"
    if not only.search(label):
        return
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    os.chmod(work, 0o755)
    argv = [buildpack.executable, "trace", "--", "true"]
    outcome = process.run_as(layout.run, argv, ENV, work, timeout=60)
    text = outcome.stderr + outcome.stdout
    if buildpack.arch == "amd64":
        said = "the ptrace refusal (the emulator does not emulate ptrace)"
        refused = "! Tracing is not allowed here" in outcome.stderr.splitlines()
    else:
        said = "the unsupported-architecture refusal naming linux/amd64"
        refused = "amd64" in outcome.stderr and "Tracing is not allowed here" not in text
    reporter.check(
        f"{label}: `group-writable trace -- true` ({buildpack.arch}, under the emulator)"
        f" exits non-zero with {said}, no crash",
        outcome.code not in (0, None) and refused and not process.has_backtrace(text),
        outcome.describe(),
    )
