"""Running a phase as a user: `run_as` (setpriv, exactly the given environment, prlimit, peak RSS
and wall time, the emulator for a foreign executable) and its `Outcome`."""

import dataclasses
import os
import subprocess
import tempfile
from pathlib import Path

import emulation
from cnb import ERROR
from reporting import escape, log

BACKTRACE_MARKERS = (
    "Fatal error",
    "Current stack trace",
    "Stack dump",
    "Backtrace",
    "SIGSEGV",
    "SIGILL",
    "SIGTRAP",
    "Illegal instruction",
    "Segmentation fault",
    "Traceback (most recent call last)",
)


def run_as(
    user,
    argv,
    env,
    cwd,
    timeout=120,
    stdin_data=None,
    fd3=None,
    umask=0o022,
    limits=(),
    measure=False,
):
    """Runs `argv` as `user` (uid, gid) with exactly `env`, `umask` (022), no supplementary groups;
    `fd3`, an open descriptor, becomes the child's descriptor 3 (as the CNB launcher gives exec.d).
    `limits` are prlimit options (e.g. "--nofile=20:20") set on the command itself; with
    `measure`, /usr/bin/time records its peak RSS and wall time (Outcome.peak_kib, .seconds).
    Under GW_EMULATOR a product executable in argv[0] runs in the emulator (emulation.command)."""
    uid, gid = user
    cmd = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--", "env", "-i"]
    cmd += [f"{k}={v}" for k, v in env.items()]
    if limits:
        cmd += ["/usr/bin/prlimit", *emulation.limits(limits, argv), "--"]
    cmd += emulation.command(argv)
    measured = None
    if measure:
        handle, name = tempfile.mkstemp(prefix="gw-time.")
        os.close(handle)
        measured = Path(name)
        cmd = ["/usr/bin/time", "-o", name, "-f", "%M %e"] + cmd
    descriptors = {} if fd3 is None else {"close_fds": False, "preexec_fn": lambda: os.dup2(fd3, 3)}
    try:
        done = subprocess.run(
            cmd,
            cwd=cwd,
            input=stdin_data,
            capture_output=True,
            timeout=timeout,
            umask=umask,
            check=False,
            **descriptors,
        )
        outcome = Outcome(done.returncode, decode(done.stdout), decode(done.stderr), False)
    except subprocess.TimeoutExpired as e:
        outcome = Outcome(None, decode(e.stdout or b""), decode(e.stderr or b""), True)
    if measured is not None:
        fields = measured.read_text().split()
        measured.unlink()
        if len(fields) >= 2 and fields[-2].isdigit():  # "Command exited with ..." may come first
            outcome.peak_kib, outcome.seconds = int(fields[-2]), float(fields[-1])
    if os.environ.get("GW_VERBOSE"):
        log(f"{Path(str(argv[0])).name} as {uid}:{gid}")
        for line in outcome.describe(limit=200):
            log(f"  {line}")
    return outcome


def run_exec_d(user, program, env, cwd, output, timeout=60, limits=()):
    """Runs `program` as the CNB launcher runs an exec.d program: as `user` in `cwd` with exactly
    `env`, descriptor 3 open on the file `output` (where its TOML goes); `limits` as in run_as."""
    with open(output, "wb") as out:
        return run_as(user, [program], env, cwd, timeout=timeout, fd3=out.fileno(), limits=limits)


def decode(data):
    return data.decode("utf-8", "surrogateescape")


@dataclasses.dataclass
class Outcome:
    """Exit status and output of one phase."""

    code: int | None
    stdout: str
    stderr: str
    timed_out: bool
    peak_kib: int | None = None  # with run_as(measure=True)
    seconds: float | None = None

    def describe(self, limit=30):
        lines = [f"exit status: {'timed out' if self.timed_out else self.code}"]
        for name, text in (("stdout", self.stdout), ("stderr", self.stderr)):
            body = text.splitlines()
            if len(body) > limit:
                body = body[:limit] + [f"... ({len(body) - limit} more lines)"]
            lines.append(f"{name}:" + ("" if body else " (empty)"))
            lines += [f"  {escape(line)}" for line in body]
        return lines


def exit_matches(outcome, expected):
    """(whether `outcome` exited as `expected`, the expectation in words); `expected` is a status or
    ERROR."""
    if expected == ERROR:
        return outcome.code not in (0, 100, None), "an error (not 0, not 100)"
    return outcome.code == expected, str(expected)


def has_backtrace(text):
    return any(marker in text for marker in BACKTRACE_MARKERS)
