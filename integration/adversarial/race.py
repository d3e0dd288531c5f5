"""Rename races against the mode changes (#12 item 1): trials of `group-writable apply` while
another process keeps exchanging a selected file with another one (renameat2(RENAME_EXCHANGE),
racer.py).

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
  held-dir              `apply` as the build user in a Windows-host layout (app/, tmp/ and
                        config/ 0777, the build user's) while uid 1003 exchanges tmp/cache.db
                        with the build user's unselected 0600 config/secret.yml: the walk holds
                        tmp/ closed to group and others before reading it and then changes its
                        files by name (SECURITY.md, held directories)

`apply` runs under strace (SLOW), which stops it at every system call and so widens the window
between inspecting an entry and changing it; `--fast` runs it at full speed.

Used by the adversarial suite (a bounded number of trials, checked) and by scripts/race-trials
(as many as asked, counted).
"""

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "lib"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from race_trials import (  # noqa: E402
    BY_NAME,
    SELECTED_MODE,
    VARIANTS,
    VICTIM_ITSELF,
    VICTIM_MODE,
    run_trials,
)

# --- In the adversarial suite ----------------------------------------------------------------

CI_TRIALS = 60  # per variant, under strace: 6 variants, about 36 s in all on two cores


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

        def check(text, passed, more=(), what=what, details=details):
            reporter.check(f"{what}: {text}", passed, list(more) + details)

        check_ran(check, tally, trials)
        if variant.by_name:
            controls.append(tally)
            if len(controls) == sum(
                1 for v in VARIANTS if v.by_name and only.search(f"rename-race-{v.name}")
            ):
                check_controls(reporter, label, controls)
            continue
        check_checked_variant(check, variant, tally)


def check_ran(check, tally, trials):
    """Every trial ran: apply exited 0 and the racer exchanged the names."""
    bad_exit = [t for t in tally.trials if t.exit_code != 0]
    check(
        f"apply exits 0 in each of {trials} trials",
        not bad_exit,
        [f"exit {t.exit_code}: {t.output[-600:]}" for t in bad_exit[:3]],
    )
    check(
        "the racer exchanged the names during every trial",
        all(t.exchanges > 0 for t in tally.trials),
        [f"exchanges per trial: {[t.exchanges for t in tally.trials]}"],
    )


def check_controls(reporter, label, controls):
    """The control: by name, the exchange must be able to win, or the checked variants' zero would
    prove nothing about the racer."""
    wins = sum(t.count("redirected") for t in controls)
    reporter.check(
        f"{label}/rename-race-controls: the racer redirects a change made"
        " by name at least once (a mode computed for one file lands on"
        " the other)",
        wins > 0,
        [t.summary() for t in controls],
    )


def check_checked_variant(check, variant, tally):
    """A variant the product must win: no mode lands on the other file."""
    selected_modes = sorted({t.selected_mode for t in tally.trials})
    allowed = {SELECTED_MODE, SELECTED_MODE | 0o020}
    check(
        "the selected file ends 0644 or 0664 (its own granted mode), never the other's",
        set(selected_modes) <= allowed,
        [f"modes seen: {[oct(m) for m in selected_modes]}"],
    )
    check(
        "the mode computed for the selected file never lands on the other file"
        " (no redirected change)",
        tally.count("redirected") == 0,
    )
    if variant.victim_may_change_itself:
        # The build user's own file, moved into tmp/ by the build user's own process, is a
        # file of tmp/ when the walk looks: changing it to its own granted mode is the
        # selection, not the race (SECURITY.md: the build user can change its files anyway).
        modes = sorted({t.victim_mode for t in tally.trials})
        check(
            "the outside file only ever has its own modes (0600, or 0660 when it was in"
            " tmp/ as the walk looked)",
            set(modes) <= {VICTIM_MODE, VICTIM_ITSELF},
            [f"modes seen: {[oct(m) for m in modes]}"],
        )
        check(
            "the race hit the window in some trial (the victim was at the selected name"
            " when inspected, or a change was refused as replaced)",
            tally.count("itself") + tally.noticed > 0,
        )
    else:
        modes = sorted({t.victim_mode for t in tally.trials})
        victim = (
            "the 2-link file"
            if variant.layout == "hard-link"
            else "the unselected root-owned config/secret.yml"
        )
        check(
            f"{victim} keeps mode 0600 in every trial",
            tally.changed() == 0,
            [f"modes seen: {[oct(m) for m in modes]}"],
        )


# --- scripts/race-trials ---------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(
        description="Runs many rename-race trials against `group-writable apply` and prints the"
        " counts (as root)."
    )
    parser.add_argument("--trials", type=int, default=300, help="trials per variant (300)")
    parser.add_argument("--jobs", type=int, default=1, help="trials run at the same time (1)")
    parser.add_argument("--apply-jobs", type=int, default=1, help="apply --jobs (1)")
    parser.add_argument("--variants", default=",".join(v.name for v in VARIANTS))
    parser.add_argument(
        "--fast",
        action="store_true",
        help="run apply at full speed, not under strace (a narrower window)",
    )
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
            tally = run_trials(
                variant,
                Path(args.binary).resolve(),
                work,
                args.python,
                args.trials,
                args.jobs,
                args.apply_jobs,
                not args.fast,
            )
            print(f"{tally.summary()} in {time.monotonic() - started:.0f} s", flush=True)
            errors = [t for t in tally.trials if t.exit_code != 0 or t.outcome == "error"]
            if errors:
                print(
                    f"  {len(errors)} trials failed to run; first: exit {errors[0].exit_code}"
                    f" {errors[0].output[-300:]!r}"
                )
            if variant.by_name:
                continue
            if tally.count("redirected") or (
                not variant.victim_may_change_itself and tally.changed()
            ):
                failed = True
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
