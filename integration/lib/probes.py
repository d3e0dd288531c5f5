"""Real writes as a user: the probe plan for an image tree and the run of probe.py (a new file and
a new dir in each dir, one appended byte in each file)."""

import json
import os
import shutil
from pathlib import Path

from cnb import PATH_ENV
from process import run_as


def run_probes(lc, actions, timeout=120, user=None):
    """Runs the probes as `user` (default: the run user); returns {(action, path): (ok, errno,
    mode)}."""
    request = json.dumps([[a, os.fsencode(p).decode("latin-1")] for a, p in actions]).encode()
    probe = lc.root / "probe.py"
    shutil.copyfile(Path(__file__).with_name("probe.py"), probe)
    os.chmod(probe, 0o644)
    out = run_as(
        user or lc.run_user,
        [lc.python, probe],
        {"PATH": PATH_ENV},
        lc.root,
        timeout,
        stdin_data=request,
    )
    if out.code != 0:
        raise RuntimeError("probe failed:\n" + "\n".join(out.describe()))
    results = json.loads(out.stdout)
    return {(a, p): tuple(r) for (a, p), r in zip(actions, results, strict=False)}


def probe_plan(image_snapshot, image_root, writable_paths):
    """Probe actions for every dir and regular file of an image tree, each with its expectation.

    Returns a list of (action, absolute path, expected success). Dirs get `create` (a new file) and,
    when expected writable, `mkdir`; regular files get `append`. Symlinks and special files are
    never opened.
    """
    plan = []
    for rel, entry in sorted(image_snapshot.items()):
        path = str(image_root) if rel == "." else os.path.join(str(image_root), rel)
        expected = rel in writable_paths
        if entry.kind == "d":
            plan.append(("create", path, expected))
            if expected:
                plan.append(("mkdir", path, True))
        elif entry.kind == "f":
            plan.append(("append", path, expected))
    return plan
