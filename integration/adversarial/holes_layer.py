"""#12 item 6: the buildpack's own layer planted as symlinks, FIFOs or unwritable: trees and
checks; the table is holes.py."""

import os
import re
import stat
import subprocess

import cnb
from case_types import ERROR, Case, plain_tree


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


# Item 6: the buildpack's own layer
CASES = [
    Case(
        "layer-dir-symlink",
        "the launch layer dir planted as a symlink to a dir outside: the"
        " build refuses with a typed message and writes nothing there",
        plain_tree,
        ["/tmp/"],
        ["tmp/"],
        after_chown=symlinked_layer_dir,
        exit=ERROR,
        exact_selection=False,
        messages=[r"Cannot write the launch layer", r"never followed through a symbolic link"],
        absent=[r"CocoaError", r"Error Domain"],
        after_build=nothing_in("outside/layer-target"),
        probe=False,
    ),
    Case(
        "layer-exec-d-symlink",
        "exec.d planted as a symlink to a dir outside: refused, nothing written there",
        plain_tree,
        ["/tmp/"],
        ["tmp/"],
        after_chown=symlinked_exec_d,
        exit=ERROR,
        exact_selection=False,
        messages=[r"never followed through a symbolic link", r"exec\.d"],
        absent=[r"CocoaError"],
        after_build=nothing_in("outside/sub"),
        probe=False,
    ),
    Case(
        "layer-file-symlinks",
        "report.toml, launch.toml and group-writable.toml planted as"
        " symlinks to files outside: replaced, the targets unchanged",
        plain_tree,
        ["/tmp/"],
        ["tmp/"],
        after_chown=symlinked_layer_files,
        after_build=layer_files_replaced,
    ),
    Case(
        "layer-file-fifos",
        "FIFOs at report.toml, launch.toml and group-writable.toml: the build"
        " does not block and replaces them",
        plain_tree,
        ["/tmp/"],
        ["tmp/"],
        after_chown=fifo_layer_files,
        after_build=layer_files_replaced,
        build_timeout=60,
    ),
    Case(
        "layers-unwritable",
        "a layers dir the build user cannot write: a typed error naming it, no raw CocoaError",
        plain_tree,
        ["/tmp/"],
        ["tmp/"],
        after_chown=unwritable_layers,
        exit=ERROR,
        exact_selection=False,
        messages=[r"(?i)cannot", re.escape(cnb.LAYERS_NAME)],
        absent=[r"CocoaError", r"Error Domain", r"NSCocoaErrorDomain"],
        probe=False,
    ),
]
