"""#12 item 6: the buildpack's own layer planted as symlinks, FIFOs or unwritable: trees and
checks; the table is holes.py."""

import os
import stat
import subprocess

import cnb


# --- Item 6: the buildpack's own layer ----------------------------------------------------------
def own_layer(t):
    return t.lc.layers / cnb.LAYER_NAME


def symlinked_layer_dir(t):
    target = t.outside / "layer-target"
    target.mkdir()
    os.chown(target, *t.lc.layout.build)
    os.symlink(target, own_layer(t))
    os.lchown(own_layer(t), *t.lc.layout.build)


def symlinked_exec_d(t):
    own_layer(t).mkdir()
    os.symlink(t.outside / "sub", own_layer(t) / "exec.d")
    subprocess.run(
        ["chown", "-R", "-h", "%d:%d" % t.lc.layout.build, str(own_layer(t))], check=True
    )


LAYER_FILES = ("group-writable/report.toml", "launch.toml", "group-writable.toml")


def symlinked_layer_files(t):
    own_layer(t).mkdir()
    targets = [t.outside / "file.txt", t.outside / "sub" / "data", t.outside / "file.txt"]
    for rel, target in zip(LAYER_FILES, targets, strict=False):
        os.symlink(target, t.lc.layers / rel)
    subprocess.run(["chown", "-R", "-h", "%d:%d" % t.lc.layout.build, str(t.lc.layers)], check=True)


def fifo_layer_files(t):
    own_layer(t).mkdir()
    for rel in LAYER_FILES:
        os.mkfifo(t.lc.layers / rel, 0o644)
    subprocess.run(["chown", "-R", "-h", "%d:%d" % t.lc.layout.build, str(t.lc.layers)], check=True)


def unwritable_layers(t):
    subprocess.run(["chown", "0:0", str(t.lc.layers)], check=True)
    os.chmod(t.lc.layers, 0o555)


def layer_files_replaced(run, build):
    for rel in LAYER_FILES:
        path = run.lc.layers / rel
        st = os.lstat(path)
        data, error = run.lc.read_toml(path) if stat.S_ISREG(st.st_mode) else (None, "not a file")
        run.check(
            f"{rel} is now a regular file of valid TOML (what was planted there was"
            f" replaced, not followed)",
            stat.S_ISREG(st.st_mode) and data is not None,
            [f"mode {st.st_mode:o}", error or ""],
        )


def nothing_in(rel):
    def check(run, build):
        target = run.lc.root / rel
        entries = sorted(os.listdir(target)) if target.is_dir() else None
        run.check(
            f"nothing was written through the symlink into {rel}/",
            entries is not None and entries == sorted(EXPECTED_OUTSIDE.get(rel, [])),
            [f"entries: {entries}"],
        )

    return check


EXPECTED_OUTSIDE = {"outside/layer-target": [], "outside/sub": ["data"]}
