"""The rename-race trials (#12 item 1) themselves: the variants, the tree each trial lays out, one
trial of `group-writable apply` against racer.py, and the tally of many. race.py checks them (in
the adversarial suite) and runs them for scripts/race-trials."""

import concurrent.futures
import dataclasses
import os
import shutil
import signal
import subprocess
from pathlib import Path

import emulation  # runs `apply` under GW_EMULATOR when it is set

HERE = Path(__file__).resolve().parent
RACER = HERE / "racer.py"
FILLERS = 50  # other files in tmp/, so the walk spends a while around the raced name
BUILD = (1001, 1000)
OTHER = (1003, 1003)  # in none of the build groups
ROOT = (0, 0)
# Widens the window between a system call and the next: under strace every call of `apply` stops
# in the tracer on entry and exit (microseconds each), so an exchange lands between inspecting an
# entry and changing it far more often than at full speed. The code and its calls are the same;
# only the timing is. scripts/race-trials --fast runs without it.
SLOW = ["strace", "-f", "-qq", "-o", "/dev/null", "--"]


@dataclasses.dataclass(frozen=True)
class Variant:
    name: str
    description: str
    layout: str  # "outside", "hard-link" or "root"
    parent_mode: int  # mode of the dir holding the selected file
    racer: tuple
    runner: tuple
    by_name: bool  # whether the product may change the selected file by name here (the control)
    victim_may_change_itself: bool  # False: the victim's mode must never change at all


VARIANTS = [
    Variant(
        "outside-file",
        "a selected file exchanged with a 0600 file outside the app, in a"
        " group-writable dir (checked handle)",
        "outside",
        0o775,
        BUILD,
        BUILD,
        False,
        True,
    ),
    Variant(
        "outside-file-by-name",
        "the same in a 0755 dir only the build user can write (the"
        " unprivileged name fast path: the control)",
        "outside",
        0o755,
        BUILD,
        BUILD,
        True,
        True,
    ),
    Variant(
        "hard-link",
        "a selected file exchanged with a 0600 file that has a second link"
        " outside the app, in a group-writable dir",
        "hard-link",
        0o775,
        BUILD,
        BUILD,
        False,
        False,
    ),
    Variant(
        "hard-link-by-name",
        "the same in a 0755 dir (name fast path: the control)",
        "hard-link",
        0o755,
        BUILD,
        BUILD,
        True,
        False,
    ),
    Variant(
        "root-secret",
        "`apply` as root in a 0777 app dir while uid 1003 exchanges the"
        " selected cache.db with the unselected root-owned 0600 config/secret.yml",
        "root",
        0o777,
        OTHER,
        ROOT,
        False,
        False,
    ),
    Variant(
        "held-dir",
        "a Windows-host layout (every dir 0777, the build user's) while uid 1003 exchanges the"
        " selected tmp/cache.db with the build user's unselected 0600 config/secret.yml; the"
        " walk holds tmp/ closed (0755) before reading it, then changes its files by name",
        "held",
        0o777,
        OTHER,
        BUILD,
        False,
        True,
    ),
]
BY_NAME = {v.name: v for v in VARIANTS}

SELECTED_MODE = 0o644
VICTIM_MODE = 0o600
VICTIM_ITSELF = 0o660  # the victim's own granted mode


@dataclasses.dataclass
class Trial:
    outcome: str  # untouched, itself, redirected, or error
    victim_mode: int
    selected_mode: int
    exit_code: int | None
    exchanges: int
    noticed: bool  # apply reported an entry that changed during the walk
    output: str = ""


def lay_out(variant, base):
    """Creates the trial's tree under `base`; returns (app, selected path, victim path, pattern)."""
    app = base / "app"
    if variant.layout == "root":
        (app / "config").mkdir(parents=True)
        selected, victim = app / "cache.db", app / "config" / "secret.yml"
        fillers = app / "tmp"
        pattern = "/cache.db"
    elif variant.layout == "held":
        (app / "config").mkdir(parents=True)
        selected, victim = app / "tmp" / "cache.db", app / "config" / "secret.yml"
        fillers = app / "tmp"
        pattern = "/tmp/"
    else:
        (app / "tmp").mkdir(parents=True)
        selected = app / "tmp" / "cache.db"
        fillers = app / "tmp"
        pattern = "/tmp/"
    fillers.mkdir(exist_ok=True)
    for i in range(FILLERS):
        (fillers / f"f{i:02d}.txt").write_text("")
    selected.write_text("data\n")
    if variant.layout == "outside":
        (base / "outside").mkdir()
        victim = base / "outside" / "secret"
        victim.write_text("outside\n")
    elif variant.layout == "hard-link":
        (base / "layer").mkdir()
        victim = app / "tmp" / "shared.rb"
        victim.write_text("shared\n")
        os.link(victim, base / "layer" / "shared.rb")
    else:
        victim.write_text("password: x\n")
    os.chmod(selected, SELECTED_MODE)
    os.chmod(victim, VICTIM_MODE)
    if variant.layout == "root":
        # Owned by root as a Dockerfile's COPY makes them, world-writable as pack's 0777 root.
        os.chmod(app, 0o777)
        os.chmod(app / "config", 0o777)
    elif variant.layout == "held":
        # As pack on a Windows host sends them: the build user's, every directory 0777.
        uid, gid = variant.runner
        subprocess.run(["chown", "-R", f"{uid}:{gid}", str(base)], check=True)
        for directory in (app, app / "tmp", app / "config"):
            os.chmod(directory, 0o777)
    else:
        uid, gid = variant.runner
        subprocess.run(["chown", "-R", f"{uid}:{gid}", str(base)], check=True)
        os.chmod(selected.parent, variant.parent_mode)
    os.chmod(base, 0o755)
    return app, selected, victim, pattern


def as_user(ids, argv):
    uid, gid = ids
    if (uid, gid) == ROOT:
        return list(argv)
    return ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--"] + list(argv)


def run_trial(variant, binary, base, python, apply_jobs=1, slow=True):
    """One trial in the fresh dir `base`."""
    if base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True)
    app, selected, victim, pattern = lay_out(variant, base)
    inodes = {"selected": os.lstat(selected).st_ino, "victim": os.lstat(victim).st_ino}
    racer = subprocess.Popen(
        as_user(variant.racer, [python, "-B", str(RACER), str(selected), str(victim)]),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        ready = racer.stdout.readline().strip()
        if ready != "ready":
            raise RuntimeError(f"the racer did not start: {ready!r}")
        exit_code, output = run_apply(variant, binary, app, pattern, apply_jobs, slow)
    finally:
        racer.send_signal(signal.SIGTERM)
        try:
            rest, _ = racer.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            racer.kill()
            rest, _ = racer.communicate()
    counts = rest.split()
    exchanges = int(counts[0]) if counts and counts[0].isdigit() else -1
    victim_mode, selected_mode, outcome = classify(variant, selected, victim, inodes)
    return Trial(
        outcome,
        victim_mode,
        selected_mode,
        exit_code,
        exchanges,
        "changed during the walk" in output,
        output,
    )


def run_apply(variant, binary, app, pattern, apply_jobs, slow):
    """`apply` once as the variant's runner (under strace when `slow`); (exit code, output)."""
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/nonexistent"}
    try:
        command = emulation.command([binary, "apply", "-p", pattern, "--jobs", str(apply_jobs)])
        if slow:
            command = SLOW + command
        done = subprocess.run(
            as_user(variant.runner, command),
            cwd=app,
            env=env,
            capture_output=True,
            timeout=60,
            check=False,
        )
        return done.returncode, (done.stdout + done.stderr).decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        return None, f"timed out: {e}"


def classify(variant, selected, victim, inodes):
    """Finds both files by inode: (the victim's mode, the selected file's mode, the outcome:
    untouched, itself, redirected or error)."""
    modes = {}
    for path in (selected, victim):
        st = os.lstat(path)
        modes[st.st_ino] = st.st_mode & 0o7777
    victim_mode = modes.get(inodes["victim"], -1)
    selected_mode = modes.get(inodes["selected"], -1)
    if victim_mode == VICTIM_MODE:
        outcome = "untouched"
    elif victim_mode == VICTIM_ITSELF and variant.layout != "hard-link":
        outcome = "itself"
    elif victim_mode == -1:
        outcome = "error"
    else:
        outcome = "redirected"
    return victim_mode, selected_mode, outcome


@dataclasses.dataclass
class Tally:
    variant: Variant
    trials: list = dataclasses.field(default_factory=list)

    def count(self, outcome):
        return sum(1 for t in self.trials if t.outcome == outcome)

    @property
    def noticed(self):
        return sum(1 for t in self.trials if t.noticed)

    @property
    def exchanges(self):
        return sum(max(t.exchanges, 0) for t in self.trials)

    def changed(self):
        return len(self.trials) - self.count("untouched")

    def summary(self):
        n = len(self.trials)
        victim = {
            "outside": "the outside file",
            "hard-link": "the 2-link file",
            "root": "config/secret.yml",
            "held": "config/secret.yml",
        }[self.variant.layout]
        return (
            f"{self.variant.name}: {self.changed()} of {n} trials changed {victim}"
            f" ({self.count('redirected')} redirected: a mode computed for the selected file;"
            f" {self.count('itself')} its own mode, inspected at the selected name;"
            f" {self.noticed} runs reported an entry changed during the walk;"
            f" {self.exchanges} exchanges)"
        )


def run_trials(variant, binary, work, python, trials, jobs=1, apply_jobs=1, slow=True):
    """`trials` trials of `variant`, `jobs` at a time, in dirs under `work`."""
    tally = Tally(variant)
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        slots = [work / variant.name / f"slot{i}" for i in range(jobs)]
        free = list(slots)
        futures = {}
        submitted = 0
        while submitted < trials or futures:
            while free and submitted < trials:
                slot = free.pop()
                futures[pool.submit(run_trial, variant, binary, slot, python, apply_jobs, slow)] = (
                    slot
                )
                submitted += 1
            done, _ = concurrent.futures.wait(futures, return_when="FIRST_COMPLETED")
            for future in done:
                free.append(futures.pop(future))
                tally.trials.append(future.result())
    shutil.rmtree(work / variant.name, ignore_errors=True)
    return tally
