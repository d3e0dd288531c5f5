"""What every part of benchmarks/run shares: paths, who runs what, and running a command."""

import os
import resource
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TREES = os.path.join(HERE, ".trees")
PATTERNS = os.path.join(HERE, "patterns")
LIST_ORDER = ["anchored", "rails-webpack", "templates", "nomatch"]


class Failure(Exception):
    """A command failed or a check did not hold: the run cannot be trusted."""


STARTED = time.perf_counter()


def log(message):
    """message on stderr, after the seconds since the run started."""
    print("[%4.0f s] %s" % (time.perf_counter() - STARTED, message), file=sys.stderr, flush=True)


class Users:
    """Who runs what. As root (CI), the tree belongs to a build user and every timed command except
    the "as root" row runs as that user, as a real build does (the lifecycle never builds as root);
    the start-up check runs as a run user in the same group. Otherwise everything runs as you."""

    def __init__(self, build=None, run_user=None):
        self.is_root = os.geteuid() == 0
        self.build = build if self.is_root else None  # (uid, gid) or None: this process
        self.run_user = run_user if self.is_root else None  # (uid, gid) or None: this process
        self.home = None  # HOME for the commands (set in main)

    def owner(self):
        return self.build or (os.geteuid(), os.getegid())

    def describe(self):
        if self.build:
            return (
                "as build user uid %d gid %d (the tree is theirs; `setpriv`-like: no supplementary "
                "groups), start-up check as run user uid %d gid %d; reset and checks as root"
                % (self.build + self.run_user)
            )
        return "as uid %d gid %d (not root: no user switch)" % (os.geteuid(), os.getegid())


USERS = Users()
ROOT = "root"  # run(..., user=ROOT): as this (root) process, never switched


def command_env(extra=None):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LC_ALL": "C",
        "HOME": USERS.home or os.environ.get("HOME", "/"),
    }
    env.update(extra or {})
    return env


def user_kwargs(user):
    """subprocess arguments that switch to `user` ((uid, gid)): no supplementary groups, like
    `setpriv --reuid=U --regid=G --clear-groups`, without an extra exec in the timing."""
    if user is None or user == ROOT:
        return {}
    return {"user": user[0], "group": user[1], "extra_groups": []}


def run(
    cmd,
    *,
    cwd=None,
    env=None,
    ok=(0,),
    shell=False,
    capture=False,
    timeout=None,
    stdin=None,
    allow_stderr=None,
    user=None,
):
    """Runs cmd; returns (seconds, stdout bytes or None). Raises Failure on a bad exit status.

    user: None runs it as the build user (USERS.build; this process when not root), ROOT as this
    process, or a (uid, gid) pair.
    allow_stderr: a predicate; when the status is not in ok but every stderr line satisfies it,
    the run still counts (used for chmod following dangling symlinks in the git pipeline).
    """
    who = USERS.build if user is None else user
    start = time.perf_counter()
    proc = subprocess.run(
        ["bash", "-c", "set -o pipefail; " + cmd] if shell else cmd,
        cwd=cwd,
        env=env if env is not None else command_env(),
        stdin=stdin,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=timeout,
        **user_kwargs(who),
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in ok:
        lines = proc.stderr.decode("utf-8", "replace").splitlines()
        if not (allow_stderr and lines and all(allow_stderr(line) for line in lines)):
            shown = cmd if shell else " ".join(cmd)
            raise Failure(
                "command failed (exit %d): %s\n%s"
                % (proc.returncode, shown[:400], "\n".join(lines[-15:]))
            )
    return elapsed, proc.stdout if capture else None


def run_root(cmd, **kwargs):
    """Housekeeping as this process (resets, snapshots, chown), never timed against the product."""
    return run(cmd, user=ROOT, **kwargs)


def run_usage(cmd, **kwargs):
    """run() that also measures the command's CPU: (wall seconds, user seconds, system seconds),
    from the resource usage of the children this process waited for during the run (the command
    and, for a pipeline, everything the shell waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, _ = run(cmd, **kwargs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime


def give_to_build_user(path):
    if USERS.build:
        run_root(["chown", "-R", "-h", "%d:%d" % USERS.build, path])


def file_size(path):
    try:
        return os.lstat(path).st_size
    except OSError:
        return None


def kib(size):
    if size is None:
        return "n/a"
    return "%.0f KiB" % (size / 1024) if size < (10 << 20) else "%.1f MiB" % (size / (1 << 20))


def fmt_s(seconds):
    if seconds is None:
        return "n/a"
    return "%.3f s" % seconds if seconds < 10 else "%.2f s" % seconds


def median(samples):
    return statistics.median(samples) if samples else None


def timed_command(cmd, cwd, env, out_path, gnu_time, kill_after, user=None, ok=None):
    """Runs cmd as the build user (or `user`), stdout and stderr to out_path, killed after
    kill_after seconds: (seconds or None when killed, peak RSS KiB or None, exit status)."""
    rss_path = os.path.join(USERS.home, "timed.rss")
    if os.path.exists(rss_path):
        os.unlink(rss_path)
    prefix = [gnu_time, "-f", "%M", "-o", rss_path] if gnu_time else []
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            prefix + cmd,
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=out,
            start_new_session=True,
            umask=0o022,
            **user_kwargs(USERS.build if user is None else user),
        )
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return None, None, -9
        elapsed = time.perf_counter() - start
    rss = None
    if gnu_time and os.path.exists(rss_path):
        with open(rss_path) as handle:
            words = handle.read().split()
            rss = int(words[-1]) if words and words[-1].isdigit() else None
    return elapsed, rss, proc.returncode
