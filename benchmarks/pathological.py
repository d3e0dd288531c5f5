"""Pathological patterns: catastrophic-backtracking shapes through `group-writable list`, each
within PATHOLOGICAL_LIMIT_SECONDS."""

import os
import shutil
import signal
import subprocess
import time

from .common import USERS, Failure, command_env, user_kwargs

PATHOLOGICAL_LIMIT_SECONDS = 10.0


def timed_list(cmd, work, gnu_time):
    """Runs cmd with the pathological time limit: (seconds or None when killed, peak RSS KiB)."""
    err_path = os.path.join(work, "pathological.err")
    rss_path = os.path.join(USERS.home, "pathological.rss")
    with open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [gnu_time, "-f", "%M", "-o", rss_path] + cmd,
            env=command_env(),
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
            **user_kwargs(USERS.build),
        )
        deadline = start + PATHOLOGICAL_LIMIT_SECONDS
        while True:
            pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                return None, None
            time.sleep(0.002)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        with open(err_path, "rb") as err:
            raise Failure(
                "pathological case: list exited %d: %s"
                % (proc.returncode, err.read().decode(errors="replace")[-500:])
            )
    with open(rss_path) as rss:
        return elapsed, int(rss.read().split()[-1])


def pathological(binary, work, gnu_time):
    """Times `list` on catastrophic-backtracking patterns: [(label, seconds or None, RSS KiB)]."""
    tree = os.path.join(work, "pathological")
    if os.path.exists(tree):
        shutil.rmtree(tree)
    os.makedirs(tree)
    directory = tree
    for _ in range(10):
        directory = os.path.join(directory, "a" * 250)
        os.mkdir(directory)
        # 19 files: all-`a` names, and names with a `b`, an `x` or both inside, so that
        # literal prefilters (required bytes, suffixes) do not reject the patterns up front.
        names = ["a" * (249 - k * 15) for k in range(16)]
        names += ["a" * 120 + "b" + "a" * 128, "x", "a" * 100 + "x" + "a" * 100 + "b"]
        for name in names:
            open(os.path.join(directory, name), "w").close()
    # Each pattern within the 4 KiB cap on one pattern (a longer one is refused before any
    # matching).
    cases = [
        ("*a*a*a*a*a*a*a*a*b", b"*a*a*a*a*a*a*a*a*b\n"),
        ("'*a' x 40 + '*b'", b"*a" * 40 + b"*b\n"),
        ("'*a*' x 30 + 'b/' (dir-only)", b"*a*" * 30 + b"b/\n"),
        ("'**/' x 1360 + 'x'", b"**/" * 1360 + b"x\n"),
        ("'**/a*/' x 500 + 'b'", b"**/a*/" * 500 + b"b\n"),
        ("'/**/' x 1300 + '*a*a*a*b'", b"/**" * 1300 + b"/*a*a*a*b\n"),
        ("'a*/**/' x 300 + 'b'", b"a*/**/" * 300 + b"b\n"),
        ("'**/' x 1360 + 'a/x'", b"**/" * 1360 + b"a/x\n"),
        ("'**/' x 1360 + '*b*/x'", b"**/" * 1360 + b"*b*/x\n"),
        ("'*a' x 30 + '*b*a'", b"*a" * 30 + b"*b*a\n"),
        ("'*a*' x 20 + 'x*a*b'", b"*a*" * 20 + b"x*a*b\n"),
        ("'**/*a' x 200 + '*x'", b"**/*a" * 200 + b"*x\n"),
        ("all of the above, one list", None),
    ]
    everything = b"".join(data for _, data in cases if data)
    results = []
    for index, (label, data) in enumerate(cases):
        pattern_file = os.path.join(work, "pathological-%d.gitignore" % index)
        with open(pattern_file, "wb") as handle:
            handle.write(data if data is not None else everything)
        results.append(
            (label,)
            + timed_list(
                [binary, "list", "--app", tree, "--patterns-file", pattern_file], work, gnu_time
            )
        )
    # Two of them given with -p (the command-line path).
    results.append(
        ("the same via -p (two patterns)",)
        + timed_list(
            [binary, "list", "--app", tree, "-p", "*a" * 40 + "*b", "-p", "**/" * 1360 + "a/x"],
            work,
            gnu_time,
        )
    )
    return results
