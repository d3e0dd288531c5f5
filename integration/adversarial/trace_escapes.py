"""Regression cases for #22 item 4: a traced command that tries to escape or stall `trace`.

One `Case` around a real build (the app's tmp/ selected, so the run user can write there): after
it, `group-writable trace` runs hostile commands as the run user (not root, so no capability hides
what is checked) and each must end as SECURITY.md's `trace` section says, with the exact text:
  - a child made with `clone(CLONE_UNTRACED)` is never born: exit 1, every process killed, the
    report incomplete naming it, and the file it would have written through its parent's
    descriptor empty;
  - a stop signal for the tracer (its pid, its group, every process) ends the trace the same way;
  - a 32-bit (`int 0x80`) system call ends it;
  - `clone3` fails with ENOSYS, and threads and forks still come through `clone`, traced;
  - `ptrace(PTRACE_ATTACH)` of the tracer fails with EPERM (it is undumpable while it traces);
  - a tracer stopped from outside is killed by the kernel `--seconds` + 5 + 5 seconds in, and every
    traced process with it (PTRACE_O_EXITKILL).
`trace` is amd64-only: under GW_EMULATOR these are left out (case_types.EMULATED_OMISSIONS).
"""

import os
import re
import signal
import subprocess
import time

from case_types import HEADER, Case, Command, plain_tree

INCOMPLETE = "! The trace is incomplete: the suggestion may not cover every write"
KILLED = "! The trace killed every traced process: "
FIX = (
    "! - `trace` ends a run it cannot follow rather than report on part of it: trace a command"
    " that does not do this (SECURITY.md, `trace`)."
)
ENDED = (
    "a process did what the trace cannot follow, so the trace killed every process; a signal"
    " (9) ended it"
)
UNTRACED = "a process started a child with `CLONE_UNTRACED`, which the tracer cannot follow."
STOP = (
    "a process sent a stop signal (`SIGSTOP`, `SIGTSTP`, `SIGTTIN` or `SIGTTOU`) to the"
    " tracer, its process group, every process, or another process the trace does not"
    " follow."
)
OTHER_ABI = (
    "a process made a 32-bit (i386 `int 0x80`) or x32 system call, which the tracer cannot read."
)

# clone(CLONE_UNTRACED | SIGCHLD): the child writes to tmp/escaped through its parent's descriptor
# (its own filtered calls would fail with ENOSYS, untraced), its parent waits for it.
CLONE_UNTRACED = (
    "import ctypes, os\n"
    "fd = os.open('tmp/escaped', os.O_WRONLY | os.O_CREAT)\n"
    "pid = ctypes.CDLL(None).syscall(56, 0x800000 | 17, 0, 0, 0, 0)\n"
    "if pid == 0: os.write(fd, b'x'); os._exit(0)\n"
    "os.waitpid(pid, 0)\n"
)
# mov eax, 20 (i386 getpid); int 0x80; ret, run from an executable page.
INT_80 = (
    "import ctypes, mmap\n"
    "page = mmap.mmap(-1, mmap.PAGESIZE, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)\n"
    "page.write(b'\\xb8\\x14\\x00\\x00\\x00\\xcd\\x80\\xc3')\n"
    "ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(page)))()\n"
)
CLONE3 = (
    "import ctypes, os, threading\n"
    "libc = ctypes.CDLL(None, use_errno=True)\n"
    "print('clone3:', libc.syscall(435, 0, 0), ctypes.get_errno())\n"
    "t = threading.Thread(target=lambda: open('tmp/thread', 'w')); t.start(); t.join()\n"
    "pid = os.fork()\n"
    "if pid == 0: open('tmp/forked', 'w'); os._exit(0)\n"
    "os.waitpid(pid, 0)\n"
)
ATTACH = (
    "import ctypes, os, sys\n"
    "libc = ctypes.CDLL(None, use_errno=True)\n"
    "tracer = int(sys.argv[1])\n"
    "result = libc.ptrace(16, tracer, 0, 0)\n"
    "print('attach:', result, ctypes.get_errno())\n"
    "if result == 0: os.waitpid(tracer, 0x40000000); libc.ptrace(17, tracer, 0, 0)\n"
)


def escaped(argv, reason):
    """A trace that must end killed and incomplete for `reason`, the exact lines in its output."""
    lines = [ENDED + "\n", INCOMPLETE + "\n", KILLED + reason + "\n", FIX + "\n"]
    return Command(
        ["{gw}", "trace", "--seconds", "5", "--", *argv],
        1,
        messages=[re.escape(line) for line in lines],
    )


def traced_as_usual(run, build):
    """The untraced child never wrote; an externally stopped tracer is killed on time, with its
    tracees."""
    workspace = run.lc.workspace
    escaped = workspace / "tmp/escaped"
    run.check(
        "the CLONE_UNTRACED child never ran (tmp/escaped is there and empty)",
        escaped.is_file() and escaped.stat().st_size == 0,
        [],
    )
    run.check(
        "clone3's fallback: the thread's and the fork's files were made",
        (workspace / "tmp/thread").exists() and (workspace / "tmp/forked").exists(),
        [],
    )
    check_stopped_tracer(run)


def check_stopped_tracer(run):
    """A tracer stopped from outside (SIGSTOP) kills itself and its tracees on time."""
    workspace = run.lc.workspace
    binary = run.lc.buildpack.path / "bin" / "group-writable"
    pid_file = workspace / "tmp/traced.pid"
    uid, gid = run.layout.run
    argv = [
        "setpriv",
        f"--reuid={uid}",
        f"--regid={gid}",
        "--clear-groups",
        "--",
        str(binary),
        "trace",
        "--seconds",
        "1",
        "--",
        "sh",
        "-c",
        "echo $$ > tmp/traced.pid; exec sleep 120",
    ]
    started = time.monotonic()
    tracer = subprocess.Popen(
        argv, cwd=workspace, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    traced = None
    while traced is None and time.monotonic() - started < 20:
        text = pid_file.read_text().strip() if pid_file.exists() else ""
        traced = int(text) if text.isdigit() else None
        time.sleep(0.05)
    os.kill(tracer.pid, signal.SIGSTOP)
    try:
        code = tracer.wait(timeout=60)
    except subprocess.TimeoutExpired:
        tracer.kill()
        code = tracer.wait()
    seconds = time.monotonic() - started
    run.check(
        "a tracer stopped from outside is killed (SIGKILL) 1 + 5 + 5 s in, not later than 30 s",
        code == -signal.SIGKILL and seconds < 30,
        [f"exit status {code} after {seconds:.1f} s"],
    )
    left = (
        traced is not None
        and os.path.exists(f"/proc/{traced}")
        and ") Z" not in open(f"/proc/{traced}/stat").read()
    )
    run.check(
        "the traced `sleep` died with the tracer",
        traced is not None and not left,
        [f"traced pid {traced}"],
    )


CASES = [
    Case(
        "trace-escapes",
        "#22 item 4: CLONE_UNTRACED, stop signals for the tracer, int 0x80,"
        " clone3, ptrace of the tracer and a stopped tracer: nothing escapes, `--seconds` holds,"
        " the report never says complete over what it did not see",
        plain_tree,
        ["/tmp/"],
        ["tmp/"],
        project=HEADER + 'paths = ["/tmp/"]\n',
        after_build=traced_as_usual,
        probe=False,
        commands=[
            escaped(["python3", "-c", CLONE_UNTRACED], UNTRACED),
            escaped(["sh", "-c", "kill -STOP $PPID; sleep 60"], STOP),
            escaped(["sh", "-c", "kill -STOP 0; sleep 60"], STOP),
            escaped(["python3", "-c", "import os, signal; os.kill(-1, signal.SIGSTOP)"], STOP),
            escaped(["python3", "-c", INT_80], OTHER_ABI),
            Command(
                ["{gw}", "trace", "--", "python3", "-c", CLONE3],
                0,
                messages=[r"(?m)^clone3: -1 38$", r"`thread`: created", r"`forked`: created"],
                absent=[re.escape(INCOMPLETE)],
            ),
            Command(
                ["{gw}", "trace", "--", "sh", "-c", 'python3 -c "$0" "$PPID"', ATTACH],
                0,
                messages=[r"(?m)^attach: -1 1$"],
                absent=[re.escape(INCOMPLETE)],
            ),
        ],
    ),
]
