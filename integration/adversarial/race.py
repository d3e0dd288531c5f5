"""Rename races against the mode changes (#12 item 1): trials of `group-writable apply` while another
process keeps exchanging a selected file with another one (renameat2(RENAME_EXCHANGE), racer.py).

Each trial lays out a fresh app dir, starts the racer, runs `apply` once, stops the racer and then
finds both files by their inode (the racer leaves the names wherever they are) and classifies what
happened to the other file, the victim:

  untouched   its mode is as before;
  itself      it got its OWN granted mode (owner bits mirrored to the group: 0600 -> 0660), which
              happens when the racer had moved it to the selected name before the walk inspected
              that name: the walk then changed the entry it inspected, as it must;
  redirected  it got any other mode, e.g. 0664, the mode computed for the selected 0644 file: the
              change was computed for one entry and landed on another (the hole of #12 item 1).

Variants (the racer runs as `racer`, `apply` as `runner`):

  outside-file          tmp/cache.db <-> a 0600 file outside the app; tmp/ is group-writable
                        (0775), so every change goes through a checked O_PATH handle
  outside-file-by-name  the same with tmp/ 0755 (owned by the build user, writable by nobody
                        else): the unprivileged name fast path; the control that shows the racer
                        can win against a change by name
  hard-link             tmp/cache.db <-> tmp/shared.rb, a 0600 file with a second link outside the
                        app; tmp/ 0775
  hard-link-by-name     the same with tmp/ 0755 (control)
  root-secret           `apply` as root (a Dockerfile's `RUN group-writable apply`) in a
                        world-writable app dir (pack's 0777 root, config/ 0777) while uid 1003
                        exchanges the selected cache.db with the unselected root-owned 0600
                        config/secret.yml; a privileged run never uses names

`apply` runs under strace (SLOW), which stops it at every system call and so widens the window
between inspecting an entry and changing it; `--fast` runs it at full speed.

Used by the adversarial suite (a bounded number of trials, checked) and by scripts/race-trials
(as many as asked, counted).
"""

import argparse
import concurrent.futures
import dataclasses
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RACER = HERE / "racer.py"
sys.path.insert(0, str(HERE.parent / "lib"))
import emulation  # noqa: E402 (runs `apply` under GW_EMULATOR when it is set)

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
    Variant("outside-file", "a selected file exchanged with a 0600 file outside the app, in a"
            " group-writable dir (checked handle)", "outside", 0o775, BUILD, BUILD, False, True),
    Variant("outside-file-by-name", "the same in a 0755 dir only the build user can write (the"
            " unprivileged name fast path: the control)", "outside", 0o755, BUILD, BUILD, True,
            True),
    Variant("hard-link", "a selected file exchanged with a 0600 file that has a second link"
            " outside the app, in a group-writable dir", "hard-link", 0o775, BUILD, BUILD, False,
            False),
    Variant("hard-link-by-name", "the same in a 0755 dir (name fast path: the control)",
            "hard-link", 0o755, BUILD, BUILD, True, False),
    Variant("root-secret", "`apply` as root in a 0777 app dir while uid 1003 exchanges the"
            " selected cache.db with the unselected root-owned 0600 config/secret.yml", "root",
            0o777, OTHER, ROOT, False, False),
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
    racer = subprocess.Popen(as_user(variant.racer, [python, "-B", str(RACER), str(selected),
                                                     str(victim)]),
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        ready = racer.stdout.readline().strip()
        if ready != "ready":
            raise RuntimeError(f"the racer did not start: {ready!r}")
        env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/nonexistent"}
        try:
            command = emulation.command([binary, "apply", "-p", pattern, "--jobs",
                                         str(apply_jobs)])
            if slow:
                command = SLOW + command
            done = subprocess.run(as_user(variant.runner, command),
                                  cwd=app, env=env, capture_output=True, timeout=60, check=False)
            exit_code, output = done.returncode, (done.stdout + done.stderr).decode(errors="replace")
        except subprocess.TimeoutExpired as e:
            exit_code, output = None, f"timed out: {e}"
    finally:
        racer.send_signal(signal.SIGTERM)
        try:
            rest, _ = racer.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            racer.kill()
            rest, _ = racer.communicate()
    counts = rest.split()
    exchanges = int(counts[0]) if counts and counts[0].isdigit() else -1
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
    return Trial(outcome, victim_mode, selected_mode, exit_code, exchanges,
                 "changed during the walk" in output, output)


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
        victim = {"outside": "the outside file", "hard-link": "the 2-link file",
                  "root": "config/secret.yml"}[self.variant.layout]
        return (f"{self.variant.name}: {self.changed()} of {n} trials changed {victim}"
                f" ({self.count('redirected')} redirected: a mode computed for the selected file;"
                f" {self.count('itself')} its own mode, inspected at the selected name;"
                f" {self.noticed} runs reported an entry changed during the walk;"
                f" {self.exchanges} exchanges)")


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
                futures[pool.submit(run_trial, variant, binary, slot, python, apply_jobs, slow)] = slot
                submitted += 1
            done, _ = concurrent.futures.wait(futures, return_when="FIRST_COMPLETED")
            for future in done:
                free.append(futures.pop(future))
                tally.trials.append(future.result())
    shutil.rmtree(work / variant.name, ignore_errors=True)
    return tally


# --- In the adversarial suite ----------------------------------------------------------------

CI_TRIALS = 60  # per variant, under strace: 5 variants, about 30 s in all on two cores


def suite(reporter, buildpack, work, python, only, label="adversarial"):
    trials = int(os.environ.get("GW_RACE_TRIALS", CI_TRIALS))
    binary = buildpack.path / "bin" / "group-writable"
    controls = []
    for variant in VARIANTS:
        name = f"rename-race-{variant.name}"
        if not only.search(name):
            continue
        started = time.monotonic()
        tally = run_trials(variant, binary, Path(work) / "rename-race", python, trials)
        what = f"{label}/{name}"
        details = [tally.summary(), f"{time.monotonic() - started:.1f} s"]

        def check(text, passed, more=()):
            reporter.check(f"{what}: {text}", passed, list(more) + details)

        bad_exit = [t for t in tally.trials if t.exit_code != 0]
        check(f"apply exits 0 in each of {trials} trials", not bad_exit,
              [f"exit {t.exit_code}: {t.output[-600:]}" for t in bad_exit[:3]])
        check("the racer exchanged the names during every trial",
              all(t.exchanges > 0 for t in tally.trials),
              [f"exchanges per trial: {[t.exchanges for t in tally.trials]}"])
        if variant.by_name:
            controls.append(tally)
            if len(controls) == sum(1 for v in VARIANTS if v.by_name and only.search(
                    f"rename-race-{v.name}")):
                # The control: by name, the exchange must be able to win, or the checked
                # variants' zero would prove nothing about the racer.
                wins = sum(t.count("redirected") for t in controls)
                reporter.check(f"{label}/rename-race-controls: the racer redirects a change made"
                               " by name at least once (a mode computed for one file lands on"
                               " the other)", wins > 0, [t.summary() for t in controls])
            continue
        selected_modes = sorted({t.selected_mode for t in tally.trials})
        allowed = {SELECTED_MODE, SELECTED_MODE | 0o020}
        check("the selected file ends 0644 or 0664 (its own granted mode), never the other's",
              set(selected_modes) <= allowed, [f"modes seen: {[oct(m) for m in selected_modes]}"])
        check("the mode computed for the selected file never lands on the other file"
              " (no redirected change)", tally.count("redirected") == 0)
        if variant.victim_may_change_itself:
            # The build user's own file, moved into tmp/ by the build user's own process, is a
            # file of tmp/ when the walk looks: changing it to its own granted mode is the
            # selection, not the race (SECURITY.md: the build user can change its files anyway).
            modes = sorted({t.victim_mode for t in tally.trials})
            check("the outside file only ever has its own modes (0600, or 0660 when it was in"
                  " tmp/ as the walk looked)", set(modes) <= {VICTIM_MODE, VICTIM_ITSELF},
                  [f"modes seen: {[oct(m) for m in modes]}"])
            check("the race hit the window in some trial (the victim was at the selected name"
                  " when inspected, or a change was refused as replaced)",
                  tally.count("itself") + tally.noticed > 0)
        else:
            modes = sorted({t.victim_mode for t in tally.trials})
            victim = "the 2-link file" if variant.layout == "hard-link" else \
                "the unselected root-owned config/secret.yml"
            check(f"{victim} keeps mode 0600 in every trial", tally.changed() == 0,
                  [f"modes seen: {[oct(m) for m in modes]}"])


# --- scripts/race-trials ---------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(
        description="Runs many rename-race trials against `group-writable apply` and prints the"
                    " counts (as root).")
    parser.add_argument("--trials", type=int, default=300, help="trials per variant (300)")
    parser.add_argument("--jobs", type=int, default=1, help="trials run at the same time (1)")
    parser.add_argument("--apply-jobs", type=int, default=1, help="apply --jobs (1)")
    parser.add_argument("--variants", default=",".join(v.name for v in VARIANTS))
    parser.add_argument("--fast", action="store_true",
                        help="run apply at full speed, not under strace (a narrower window)")
    parser.add_argument("--binary", required=True)
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--work", default="/tmp")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("race-trials: run as root (it switches to uids 1001 and 1003)")
    work = Path(args.work) / f"gw-race-{os.getpid()}"
    work.mkdir(parents=True)
    os.chmod(work, 0o755)
    failed = False
    try:
        for name in args.variants.split(","):
            variant = BY_NAME[name]
            started = time.monotonic()
            tally = run_trials(variant, Path(args.binary).resolve(), work, args.python,
                               args.trials, args.jobs, args.apply_jobs, not args.fast)
            print(f"{tally.summary()} in {time.monotonic() - started:.0f} s", flush=True)
            errors = [t for t in tally.trials if t.exit_code != 0 or t.outcome == "error"]
            if errors:
                print(f"  {len(errors)} trials failed to run; first: exit {errors[0].exit_code}"
                      f" {errors[0].output[-300:]!r}")
            if variant.by_name:
                continue
            if tally.count("redirected") or (not variant.victim_may_change_itself
                                              and tally.changed()):
                failed = True
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
