"""The stat-walk floor (issue 23 item 4): benchmarks/statwalk.c, compiled with the system `cc -O2`
and cached by the source's hash, walks the tree as the build user with 2 threads; its `change`
mode also changes every entry, the floor of the Windows-host layout; its `listed` mode changes the
entries a first `apply` of a list changes, to the modes it gives them: the floor of that run; its
`attrs` mode also reads the extended attributes where `apply` reads the ACL: the floor of
`apply`'s system calls when entries arrive group-writable (issue 23 item 2)."""

import hashlib
import os
import shutil

from .common import HERE, TREES, Failure, log, run, run_root
from .trees import make_arrived_writable, reset_tree

SOURCE = os.path.join(HERE, "statwalk.c")
FLOOR_THREADS = 2


def build_walker():
    """Path of the compiled walker: TREES/.bin/statwalk-<hash of the source>, built when missing."""
    with open(SOURCE, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()[:16]
    bindir = os.path.join(TREES, ".bin")
    path = os.path.join(bindir, "statwalk-" + digest)
    if os.access(path, os.X_OK):
        return path
    compiler = shutil.which("cc")
    if not compiler:
        raise Failure("`cc` is required to build the stat-walk floor (benchmarks/statwalk.c)")
    os.makedirs(bindir, exist_ok=True)
    os.chmod(bindir, 0o755)  # the build user runs it
    log("bench: compiling the stat-walk floor: cc -O2 -pthread " + SOURCE)
    staging = path + ".tmp"
    run_root([compiler, "-O2", "-pthread", "-o", staging, SOURCE])
    os.chmod(staging, 0o755)
    os.rename(staging, path)
    return path


def walk_command(walker, mode, tree, threads=FLOOR_THREADS, listed=None):
    """argv of a walk: mode `stat` (reads only), `change` (and fchmodat on every entry),
    `listed` (and fchmodat on each entry of the file `listed`) or `attrs` (as `listed`, and
    listxattrat on every directory or file that is or becomes group-writable)."""
    return [walker, mode, str(threads), tree] + ([listed] if listed else [])


def modes(tree):
    """{relative path (bytes): permission bits} of every entry under tree but symlinks."""
    _, out = run_root(
        ["find", ".", "-mindepth", "1", "!", "-type", "l", "-printf", "%m %P\\0"],
        cwd=tree,
        capture=True,
    )
    found = {}
    for record in out.split(b"\0")[:-1]:
        mode, path = record.split(b" ", 1)
        found[path] = int(mode, 8)
    return found


def write_changed_list(binary, walker, tree, plist, directory, problems):
    """The entries a first `apply` of plist changes, with the modes it leaves, as records
    "MODE PATH\\0" in directory (the `listed` and `attrs` floors' LIST): on the generated tree
    (plist.changed_file, plist.changed_count) and on the arrived-writable layout
    (plist.arrived_changed_file). Checks that the C walk of each list leaves the same modes as
    `apply`. The tree is reset afterwards."""
    plist.changed_file, plist.changed_count = changed_list(
        binary, walker, tree, plist, directory, problems, "generated", lambda: reset_tree(tree)
    )
    plist.arrived_changed_file, _ = changed_list(
        binary, walker, tree, plist, directory, problems, "arrived",
        lambda: make_arrived_writable(tree),
    )  # fmt: skip
    reset_tree(tree)


def changed_list(binary, walker, tree, plist, directory, problems, layout, arrange):
    """(path of the changed list, its length) of a first `apply` of plist on the tree as
    arrange() lays it out, checked against the C walk of that list."""
    reset_tree(tree)
    arrange()
    before = modes(tree)
    run([binary, "apply", "--app", tree, "--patterns-file", plist.path])
    after = modes(tree)
    changed = sorted((path, mode) for path, mode in after.items() if before.get(path) != mode)
    path = os.path.join(directory, "%s.%s.changed" % (plist.name, layout))
    with open(path, "wb") as handle:
        handle.write(b"".join(b"%o %s\0" % (mode, entry) for entry, mode in changed))
    os.chmod(path, 0o644)
    reset_tree(tree)
    arrange()
    run(walk_command(walker, "attrs", tree, listed=path))
    if modes(tree) != after:
        problems.append(
            "%s (%s layout): the C walk of the changed list leaves other modes than apply"
            % (plist.name, layout)
        )
    return path, len(changed)


def walk_counts(walker, mode, tree):
    """One walk as the build user: {"entries": N, "dirs": N, "changed": N}."""
    _, out = run(walk_command(walker, mode, tree), capture=True)
    words = out.decode().split()
    return {words[i]: int(words[i + 1]) for i in range(0, len(words) - 1, 2)}


def world_writable(tree):
    """How many entries under tree (not tree itself, not symlinks) have world write."""
    _, out = run_root(
        ["find", ".", "-mindepth", "1", "!", "-type", "l", "-perm", "-o+w", "-printf", "."],
        cwd=tree,
        capture=True,
    )
    return len(out)


def check_floor(walker, tree, meta, problems):
    """The C stat walk visits every entry of the tree."""
    counts = walk_counts(walker, "stat", tree)
    if counts.get("entries") != meta["entries"]:
        problems.append(
            "the C stat walk saw %s entries, the tree has %d"
            % (counts.get("entries"), meta["entries"])
        )


def check_windows(windows, after, problems):
    """After `apply` or the C changing walk on the Windows-host layout (every entry 0777), no entry
    is left world-writable: both changed every entry that is not a symlink."""
    left = world_writable(windows)
    if left:
        problems.append(
            "Windows-host layout: %d entries still world-writable after %s" % (left, after)
        )
