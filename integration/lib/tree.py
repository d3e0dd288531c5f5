"""File-system trees as the suites see them: snapshots (GNU find, never following symlinks), their
differences, and the root-side helpers that lay trees out and remove them."""

import dataclasses
import os
import stat
import subprocess

from reporting import escape


@dataclasses.dataclass(frozen=True)
class Entry:
    """One file-system entry as `find -printf` sees it (never following symlinks)."""

    kind: str  # find's %y: d, f, l, p, s, c, b
    mode: int  # permission bits including setuid/setgid/sticky
    uid: int
    gid: int
    nlink: int
    size: int = 0
    mtime: str = ""  # find's %T@, seconds with the fraction, as text so nothing is rounded


def snapshot(root):
    """Every entry below and including `root`, keyed by its path relative to `root` ("." for root).

    Uses GNU find, which walks trees deeper and paths longer than PATH_MAX; names are raw bytes
    decoded with surrogateescape so nothing is lost.
    """
    out = subprocess.run(
        ["find", str(root), "-printf", r"%P\0%y\0%m\0%U\0%G\0%n\0%s\0%T@\0"],
        capture_output=True,
        check=False,
    )
    fields = out.stdout.split(b"\0")
    entries = {}
    for i in range(0, len(fields) - 1, 8):
        name, kind, mode, uid, gid, nlink, size, mtime = fields[i : i + 8]
        rel = os.fsdecode(name) or "."
        entries[rel] = Entry(
            kind.decode(), int(mode, 8), int(uid), int(gid), int(nlink), int(size), mtime.decode()
        )
    return entries


def content_changes(before, after):
    """Regular files of both snapshots whose size or modification time differ."""
    return [
        escape(rel)
        for rel, e in sorted(before.items())
        if e.kind == "f"
        and rel in after
        and (after[rel].size, after[rel].mtime) != (e.size, e.mtime)
    ]


def mode_diff(actual, expected, limit=40):
    """Lines describing entries whose presence or mode differ between two {path: mode} maps."""

    def show(m):
        return "missing" if m is None else f"{m:04o}"

    lines = []
    for path in sorted(set(actual) | set(expected)):
        a, e = actual.get(path), expected.get(path)
        if a != e:
            lines.append(f"{escape(path)}: expected {show(e)}, actual {show(a)}")
    if len(lines) > limit:
        lines = lines[:limit] + [f"... and {len(lines) - limit} more"]
    return lines


def remove_tree(path):
    """`rm -rf`, which (unlike shutil.rmtree) copes with trees thousands of levels deep."""
    subprocess.run(["rm", "-rf", "--one-file-system", str(path)], check=True)


def tree_paths(root, dirs, files):
    """Paths of the dirs and/or regular files below `root` (not `root`, never through symlinks)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames if dirs else ():
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                found.append(path)
        for name in filenames if files else ():
            path = os.path.join(dirpath, name)
            if stat.S_ISREG(os.lstat(path).st_mode):
                found.append(path)
    return found


def normalise_modes(root):
    """Dirs 755, files 644 (755 when executable), as a checkout made with umask 022 has them."""
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755)
        for name in filenames:
            path = os.path.join(dirpath, name)
            if os.path.islink(path):
                continue
            mode = os.lstat(path).st_mode
            if stat.S_ISREG(mode):
                os.chmod(path, 0o755 if mode & 0o111 else 0o644)
