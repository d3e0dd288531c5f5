"""The adversarial suite: every case table, run under one layout, then no-/proc and the rename
races. Entry point for lib/main.py (`suite.run`, `suite.EMULATED_OMISSIONS`)."""

import os
import time
from pathlib import Path

import access
import cases
import emulation
import holes
import no_proc
import race
import reporting
import round_two
import trace_escapes
import tree
from case_run import CaseRun
from case_types import EMULATED_OMISSIONS

__all__ = ["EMULATED_OMISSIONS", "run"]


def run(reporter, layouts, buildpack, work, python, only):
    layout = layouts[0]  # the hostile trees do not depend on the ids; one layout keeps it fast
    escapes = [] if emulation.active() else trace_escapes.CASES
    if emulation.active():
        reporting.log(
            "trace-escapes: left out under the emulator: " + EMULATED_OMISSIONS["trace-escapes"]
        )
    for case in cases.CASES + holes.CASES + escapes + access.CASES + round_two.CASES:
        if not only.search(case.name):
            continue
        started = time.monotonic()
        reporting.run_guarded(
            reporter, CaseRun(reporter, layout, case, buildpack, Path(work), python)
        )
        reporting.log(f"{case.name}: {time.monotonic() - started:.1f} s")
        if not os.environ.get("GW_KEEP"):
            tree.remove_tree(Path(work) / case.name)  # deep trees: free the disk as we go
    started = time.monotonic()
    no_proc.run(reporter, layout, buildpack, Path(work), python, only)
    if emulation.active():
        reporting.log(
            "rename races: left out under the emulator: " + EMULATED_OMISSIONS["rename-race-*"]
        )
    else:
        race.suite(
            reporter, buildpack, Path(work), python, only, label=f"adversarial/{layout.name}"
        )
    reporting.log(f"no-proc and rename races: {time.monotonic() - started:.1f} s")
