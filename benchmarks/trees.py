"""The generated trees: made (benchmarks/treegen.py) and cached under .trees/, owned by the build
user, reset between timed commands; and the layouts issue 23 item 4 measures (the Windows-host
layout, where every entry arrives 0777, and the arrived-writable layout of umask 002 sources)."""

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time

from . import treegen
from .common import TREES, USERS, Failure, log, run_root


def mode_snapshot(tree):
    """SHA-256 of every entry's mode and path, in find order."""
    proc = subprocess.run(
        ["find", ".", "-mindepth", "1", "-printf", "%m %y %p\\0"],
        cwd=tree,
        capture_output=True,
    )
    if proc.returncode != 0:
        raise Failure("find failed on " + tree + ": " + proc.stderr.decode(errors="replace"))
    # find's order depends on directory order, which mode changes do not affect; sort anyway.
    return hashlib.sha256(b"\0".join(sorted(proc.stdout.split(b"\0")))).hexdigest()


def ensure_tree(entries, seed):
    key = "%d-s%d-v%d" % (entries, seed, treegen.GENERATOR_VERSION)
    base = os.path.join(TREES, key)
    meta_path = os.path.join(base, "meta.json")
    tree = os.path.join(base, "tree")
    if os.path.exists(meta_path):
        with open(meta_path) as handle:
            return tree, json.load(handle)
    os.makedirs(TREES, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=key + ".tmp-", dir=TREES)
    log("bench: generating %d entries (seed %d) in %s" % (entries, seed, base))
    start = time.perf_counter()
    counts = treegen.generate(os.path.join(staging, "tree"), entries, seed)
    generated = time.perf_counter() - start
    meta = dict(
        counts,
        seed=seed,
        generator=treegen.GENERATOR_VERSION,
        generate_seconds=round(generated, 1),
        modes=mode_snapshot(os.path.join(staging, "tree")),
    )
    with open(os.path.join(staging, "meta.json"), "w") as handle:
        json.dump(meta, handle, indent=1)
    if os.path.exists(base):
        shutil.rmtree(base)
    os.rename(staging, base)
    log(
        "bench: generated in %.1f s: %d dirs, %d files, %d symlinks"
        % (generated, counts["dirs"], counts["files"], counts["symlinks"])
    )
    return tree, meta


def ensure_owner(tree):
    """As root: the tree (cached under .trees/) belongs to the build user, and the way to it is
    searchable. Otherwise: it must belong to this user (a tree chowned by a root run is not)."""
    base = os.path.dirname(tree)
    meta_path = os.path.join(base, "meta.json")
    with open(meta_path) as handle:
        meta = json.load(handle)
    uid, gid = USERS.owner()
    owner = "%d:%d" % (uid, gid)
    if not USERS.is_root:
        status = os.lstat(tree)
        if (status.st_uid, status.st_gid) != (uid, gid):
            raise Failure(
                "%s belongs to uid %d gid %d, not to you (a root run chowns it to its build "
                "user): delete %s or run as root" % (tree, status.st_uid, status.st_gid, base)
            )
        return
    for directory in (TREES, base):
        os.chmod(directory, 0o755)  # mkdtemp made the staging directory 0700
    status = os.lstat(tree)
    if meta.get("owner") != owner or (status.st_uid, status.st_gid) != (uid, gid):
        log("bench: chown -R %s %s (the build user owns the app dir)" % (owner, tree))
        run_root(["chown", "-R", "-h", owner, tree])
        meta["owner"] = owner
        with open(meta_path, "w") as handle:
            json.dump(meta, handle, indent=1)


def reset_tree(tree):
    """Removes every group write bit (outside any timing; as root when the script runs as root)."""
    run_root(["chmod", "-R", "g-w", tree])


def ensure_windows_tree(tree):
    """The Windows-host layout (pack on a Windows host: every entry arrives 0777): a second copy of
    the generated tree (same size and seed), cached next to it and owned by the build user. Its
    modes are set by reset_windows before every timed command."""
    base = os.path.dirname(tree)
    windows = os.path.join(base, "windows")
    if not os.path.isdir(windows):
        with open(os.path.join(base, "meta.json")) as handle:
            meta = json.load(handle)
        staging = tempfile.mkdtemp(prefix="windows.tmp-", dir=base)
        log("bench: generating the Windows-host layout's copy of the tree")
        treegen.generate(os.path.join(staging, "tree"), meta["entries"], meta["seed"])
        os.rename(os.path.join(staging, "tree"), windows)
        os.rmdir(staging)
    uid, gid = USERS.owner()
    status = os.lstat(windows)
    if USERS.is_root and (status.st_uid, status.st_gid) != (uid, gid):
        run_root(["chown", "-R", "-h", "%d:%d" % (uid, gid), windows])
    return windows


def reset_windows(windows):
    """Every entry 0777, as pack on a Windows host sends it (chmod -R leaves symlinks alone)."""
    run_root(["chmod", "-R", "0777", windows])


def make_arrived_writable(tree):
    """The arrived-writable layout: the tree as umask 002 sources arrive, every entry (selected
    or not) group-writable. reset_tree restores the generated modes exactly."""
    run_root(["chmod", "-R", "g+w", tree])
