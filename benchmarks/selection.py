"""The selection of each pattern list, checked against git and by an apply + re-apply cycle."""

import json
import os
import shlex

from .common import PATTERNS, Failure, run, run_root
from .trees import mode_snapshot, reset_tree


class PatternList:
    def __init__(self, name):
        self.name = name
        self.path = os.path.join(PATTERNS, name + ".gitignore")
        with open(self.path, "rb") as handle:
            lines = handle.read().splitlines()
        self.pattern_count = sum(1 for line in lines if line.strip() and not line.startswith(b"#"))
        self.selected = 0
        self.selected_symlinks = 0
        self.roots = []  # relative paths (bytes), symlink roots excluded
        self.symlink_roots = 0
        self.roots_file = None
        self.changed_file = None  # what a first apply changes, for the C floor (floor.py)
        self.changed_count = 0
        self.arrived_changed_file = None  # the same on the arrived-writable layout
        self.apply_counts = {}  # `apply --json` counts (default walk)
        self.keep_counts = {}  # the same with --keep-world-writable
        self.threads = None  # threads `apply` used (its --json `threads`)
        self.samples = {}  # measure -> [seconds]
        self.cpu = {}  # measure -> [(user seconds, system seconds)], the same runs
        self.rss_kib = None
        self.profile = ""


def compute_selection(binary, tree, plist, work):
    _, out = run([binary, "list", "-z", "--app", tree, "--patterns-file", plist.path], capture=True)
    entries = [e for e in out.split(b"\0") if e]
    selected_dirs = set()
    roots = []
    symlinks = 0
    symlink_roots = 0
    for entry in entries:
        is_dir = entry.endswith(b"/")
        path = entry.rstrip(b"/")
        if is_dir:
            selected_dirs.add(path)
        parent = path
        covered = False
        while True:
            cut = parent.rfind(b"/")
            if cut < 0:
                break
            parent = parent[:cut]
            if parent in selected_dirs:
                covered = True
                break
        is_link = os.path.islink(os.path.join(tree.encode(), path))
        symlinks += is_link
        if not covered:
            if is_link:
                symlink_roots += 1
            else:
                roots.append(path)
    plist.selected = len(entries)
    plist.selected_symlinks = symlinks
    plist.roots = roots
    plist.symlink_roots = symlink_roots
    plist.roots_file = os.path.join(work, plist.name + ".roots")
    with open(plist.roots_file, "wb") as handle:
        handle.write(b"".join(root + b"\0" for root in roots))
    return entries


def git_command(git_dir, plist):
    return (
        "git -c core.excludesFile=/dev/null --git-dir=%s --work-tree=. ls-files -z -o -i "
        "--directory --exclude-from=%s" % (shlex.quote(git_dir), shlex.quote(plist.path))
    )


def check_against_git(tree, git_dir, plist, problems):
    _, out = run(git_command(git_dir, plist), cwd=tree, shell=True, capture=True)
    git_roots = {e.rstrip(b"/") for e in out.split(b"\0") if e}
    ours = set(plist.roots)
    # git lists symlinks as files; ours keeps them apart: compare without symlinks.
    git_roots = {p for p in git_roots if not os.path.islink(os.path.join(tree.encode(), p))}
    missing = sorted(git_roots - ours)
    extra = sorted(ours - git_roots)
    if missing or extra:
        problems.append(
            "%s: selection differs from git ls-files -o -i --directory: %d roots only "
            "in git (e.g. %s), %d only in group-writable (e.g. %s)"
            % (
                plist.name,
                len(missing),
                [m.decode(errors="replace") for m in missing[:3]],
                len(extra),
                [m.decode(errors="replace") for m in extra[:3]],
            )
        )


def apply_json(binary, tree, plist, extra=()):
    _, out = run(
        [binary, "apply", "--json", "--app", tree, "--patterns-file", plist.path] + list(extra),
        capture=True,
    )
    try:
        return json.loads(out)
    except ValueError as error:
        raise Failure(
            "apply --json printed no JSON for %s: %r" % (plist.name, out[:300])
        ) from error


def count_group_writable(tree):
    _, out = run_root(
        ["find", ".", "!", "-type", "l", "-perm", "-g+w", "-printf", "."], cwd=tree, capture=True
    )
    return len(out)


CHANGE_KEYS = ("directories-changed", "files-changed", "ancestors-changed")


def check_apply_cycle(binary, tree, plist, extra, label, problems):
    """One apply + re-apply on a reset tree: the selection's entries, and only they, become
    group-writable, and the re-run changes nothing. Returns the first run's report."""
    reset_tree(tree)
    first = apply_json(binary, tree, plist, extra)
    second = apply_json(binary, tree, plist, extra)
    writable = count_group_writable(tree)
    expected = plist.selected - plist.selected_symlinks
    if writable != expected:
        problems.append(
            "%s: after %s %d entries are group-writable, expected %d (selected "
            "entries that are not symlinks)" % (plist.name, label, writable, expected)
        )
    changed_again = sum(second.get("counts", {}).get(k, 0) for k in CHANGE_KEYS)
    if changed_again:
        problems.append(
            "%s: re-running %s changed %d entries again" % (plist.name, label, changed_again)
        )
    return first


def preflight(binary, tree, meta, plist, git_dir, work, problems):
    """Selection, git cross-check, an apply/re-apply/reset cycle for each walk, with checks."""
    reset_tree(tree)
    compute_selection(binary, tree, plist, work)
    check_against_git(tree, git_dir, plist, problems)
    if plist.name == "nomatch" and plist.selected:
        problems.append(
            "nomatch: the list that must match nothing selects %d entries" % plist.selected
        )
    first = check_apply_cycle(binary, tree, plist, (), "apply", problems)
    plist.apply_counts = first.get("counts", {})
    plist.threads = first.get("threads")
    keep = check_apply_cycle(
        binary, tree, plist, ("--keep-world-writable",), "apply --keep-world-writable", problems
    )
    plist.keep_counts = keep.get("counts", {})
    # The generated tree has no world write: both walks must change exactly the same entries.
    for key in CHANGE_KEYS:
        if plist.apply_counts.get(key) != plist.keep_counts.get(key):
            problems.append(
                "%s: `apply` and `apply --keep-world-writable` disagree on %s: %s vs %s"
                % (plist.name, key, plist.apply_counts.get(key), plist.keep_counts.get(key))
            )
    reset_tree(tree)
    if mode_snapshot(tree) != meta["modes"]:
        raise Failure(
            "%s: `chmod -R g-w` did not restore the generated modes; the tree under %s "
            "is not reusable (delete it)" % (plist.name, os.path.dirname(tree))
        )
