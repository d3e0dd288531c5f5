"""A concurrent process that swaps dirs of the app's tmp/ for symlinks to a dir outside while the
build walks it (the `concurrent-mutation` case's attack)."""

import os
import signal
import subprocess
import time
from pathlib import Path

MUTATOR = r"""
import os, random, sys, time
app, outside, stop = sys.argv[1], sys.argv[2], sys.argv[3]
tmp = os.path.join(app, "tmp")
rng = random.Random(7)
deadline = time.monotonic() + 60
swaps = 0
while not os.path.exists(stop) and time.monotonic() < deadline:
    d = os.path.join(tmp, "d%02d" % rng.randrange(40))
    try:
        os.rename(d, d + ".away")
        os.symlink(outside, d)
        swaps += 1
        time.sleep(0.002)  # long enough for a walker that re-resolves paths to go through it
        os.unlink(d)
        os.rename(d + ".away", d)
    except OSError:
        pass
print(swaps)
"""


def start_mutator(t):
    """A concurrent process (the build user's) that keeps swapping dirs of tmp/ for symlinks to
    a dir outside the app while the build walks tmp/."""
    script = t.root / "mutator.py"
    script.write_text(MUTATOR)
    os.chmod(script, 0o644)
    stop = t.root / "stop"
    uid, gid = t.lc.layout.build
    proc = subprocess.Popen(
        [
            "setpriv",
            f"--reuid={uid}",
            f"--regid={gid}",
            "--clear-groups",
            "--",
            t.lc.python,
            str(script),
            str(t.app),
            str(t.outside),
            str(stop),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.2)

    def stop_it():
        """Stops the mutator; returns how many swaps it made."""
        stop.write_text("")
        try:
            out, _ = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            out, _ = proc.communicate()
        stop.unlink()
        # Put back whatever the last swap left half done.
        for i in range(40):
            d = t.app / "tmp" / f"d{i:02d}"
            away = Path(str(d) + ".away")
            if away.exists():
                if d.is_symlink():
                    d.unlink()
                os.rename(away, d)
        return int(out or b"0")

    return stop_it
