"""The timed runners: each round's baselines (find, chmod -R, git + xargs chmod, the C stat-walk
floor) and `group-writable apply` in each of its cases, recorded with their CPU time; peak RSS and
the optional profile."""

import os
import shutil
import subprocess

from . import floor
from .common import ROOT, USERS, Failure, command_env, run, run_usage, user_kwargs
from .selection import git_command
from .trees import make_arrived_writable, reset_tree, reset_windows

RSS_LIMIT_MIB = 16.0


def dangling_chmod(line):
    return "dangling symlink" in line


def record(plist, key, cmd, reset=None, **kwargs):
    """Runs cmd (after reset(), outside the timing) and keeps its wall and CPU time under key."""
    if reset:
        reset()
    wall, user, system = run_usage(cmd, **kwargs)
    plist.samples.setdefault(key, []).append(wall)
    plist.cpu.setdefault(key, []).append((user, system))


def measure_baselines(tree, git_dir, plist, walker):
    """find (entries only), find -printf %m (stats every entry), the C stat walk (the floor),
    chmod -R g+w on the roots and the user-scripted git + xargs chmod pipeline."""
    record(plist, "find", ["find", tree, "-mindepth", "1"])
    record(plist, "findstat", ["find", tree, "-mindepth", "1", "-printf", "%m"])
    record(plist, "cstat", floor.walk_command(walker, "stat", tree))
    record(
        plist,
        "csame",
        floor.walk_command(walker, "listed", tree, listed=plist.changed_file),
        lambda: reset_tree(tree),
    )
    if plist.roots:
        with open(plist.roots_file, "rb") as roots:
            record(
                plist,
                "chmod",
                ["xargs", "-0", "-r", "chmod", "-R", "g+w", "--"],
                lambda: reset_tree(tree),
                cwd=tree,
                stdin=roots,
            )
    pipeline = git_command(git_dir, plist) + " | xargs -0 -r chmod -R g+w"
    record(plist, "git", pipeline, lambda: reset_tree(tree), cwd=tree, shell=True,
           allow_stderr=dangling_chmod)  # fmt: skip


def measure_apply(binary, tree, plist, compare=None):
    """`apply` as the build does (world write removed everywhere: every entry visited and
    stat'ed): first run, re-run, --jobs 1, as root; the selection-only walk (issue 6's targets);
    the compared binary; and the first run on the arrived-writable layout."""
    apply = [binary, "apply", "--app", tree, "--patterns-file", plist.path]
    keep = apply + ["--keep-world-writable"]
    reset = lambda: reset_tree(tree)  # noqa: E731
    record(plist, "first", apply, reset)
    record(plist, "rerun", apply)
    record(plist, "first1", apply + ["--jobs", "1"], reset)
    if USERS.is_root:
        # The same first run as root: privileged, so every file is changed through a checked
        # O_PATH handle (issue 12 item 1); the build user's changes go by name where only it
        # can rename.
        record(plist, "rootfirst", apply, reset, user=ROOT)
    record(plist, "kfirst", keep, reset)
    record(plist, "krerun", keep)
    if compare:
        # Another group-writable (e.g. a build of an older commit), first run and re-run in the
        # same round: the before/after issue 12 asks for. Older builds have no
        # --keep-world-writable.
        old = [compare, "apply", "--app", tree, "--patterns-file", plist.path]
        record(plist, "cfirst", old, reset)
        record(plist, "crerun", old)
    # Issue 23 item 4: every entry arrived group-writable (umask 002 sources).
    record(plist, "arrived", apply, lambda: make_arrived_writable(tree))


def measure_user_cpu(binary, tree, plist, walker, repeats):
    """Issue 23 item 2: the user CPU of a first apply and of the C walk making its system calls
    (`attrs`: stat, the ACL read where apply reads it, the same changes), on the generated tree
    and on the arrived-writable layout, `repeats` times each: user time is split from system
    time at the scheduler's tick, and one 100k walk spans only a few dozen ticks."""
    apply = [binary, "apply", "--app", tree, "--patterns-file", plist.path]
    generated = lambda: reset_tree(tree)  # noqa: E731
    arrived = lambda: make_arrived_writable(tree)  # noqa: E731
    walk = floor.walk_command(walker, "attrs", tree, listed=plist.changed_file)
    arrived_walk = floor.walk_command(walker, "attrs", tree, listed=plist.arrived_changed_file)
    for _ in range(repeats):
        record(plist, "ufirst", apply, generated)
        record(plist, "uattrs", walk, generated)
        record(plist, "uarrived", apply, arrived)
        record(plist, "uattrsarrived", arrived_walk, arrived)


def measure_windows(binary, windows, plist, walker, problems=None):
    """The Windows-host layout (every entry 0777), first apply with plist (the anchored list),
    and the C walk that changes every entry as apply does (the floor for that layout). With
    problems (the first round), checks what each left behind, outside the timing."""
    reset = lambda: reset_windows(windows)  # noqa: E731
    apply = [binary, "apply", "--app", windows, "--patterns-file", plist.path]
    record(plist, "win", apply, reset)
    if problems is not None:
        floor.check_windows(windows, "apply", problems)
    record(plist, "cwin", floor.walk_command(walker, "change", windows), reset)
    if problems is not None:
        floor.check_windows(windows, "the C changing walk", problems)


def measure_round(binary, tree, git_dir, plist, walker, windows=None, compare=None, problems=None,
                  cpu_repeats=1):  # fmt: skip
    """One round of one list. The tree is left as the last case left it (every timed command
    that changes modes resets it first, reads do not depend on modes)."""
    measure_baselines(tree, git_dir, plist, walker)
    measure_apply(binary, tree, plist, compare)
    measure_user_cpu(binary, tree, plist, walker, cpu_repeats)
    if windows:
        measure_windows(binary, windows, plist, walker, problems)


def measure_rss(binary, tree, plist, gnu_time, work):
    reset_tree(tree)
    out = os.path.join(USERS.home, "time.txt")
    run([gnu_time, "-v", "-o", out, binary, "apply", "--app", tree, "--patterns-file", plist.path])
    with open(out) as handle:
        for line in handle:
            if "Maximum resident set size" in line:
                plist.rss_kib = int(line.rsplit(":", 1)[1])
    if plist.rss_kib is None:
        raise Failure("no 'Maximum resident set size' in GNU time's output")


def profile_apply(binary, tree, plist, work):
    apply = [binary, "apply", "--app", tree, "--patterns-file", plist.path]
    sections = []
    for label in ("first run", "re-run"):
        if label == "first run":
            reset_tree(tree)
        if shutil.which("perf"):
            out = os.path.join(USERS.home, "perf.txt")
            proc = subprocess.run(
                ["perf", "stat", "-o", out, "--"] + apply,
                env=command_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                **user_kwargs(USERS.build),
            )
            if proc.returncode == 0:
                with open(out) as handle:
                    text = [
                        line.rstrip()
                        for line in handle
                        if line.strip() and not line.startswith("#")
                    ]
                sections.append("perf stat, %s:\n%s" % (label, "\n".join(text)))
        if label == "first run":
            reset_tree(tree)
        if shutil.which("strace"):
            out = os.path.join(USERS.home, "strace.txt")
            proc = subprocess.run(
                ["strace", "-f", "-c", "-o", out, "--"] + apply,
                env=command_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                **user_kwargs(USERS.build),
            )
            if proc.returncode == 0:
                with open(out) as handle:
                    text = handle.read().rstrip().splitlines()
                sections.append("strace -c -f, %s:\n%s" % (label, "\n".join(text[:18])))
    plist.profile = "\n\n".join(sections)
