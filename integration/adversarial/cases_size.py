"""Hostile trees by size and by change: a 5,000-level tree, paths beyond PATH_MAX and hostile
names, and a concurrent process swapping dirs for symlinks during the walk."""

import os
import re

from case_types import Case, make_deep
from mutation import start_mutator

DEPTH = 5000
SECOND_DEPTH = 1000  # still far beyond PATH_MAX; the walk's cost grows with depth squared


def deep_tree(t):
    make_deep(t.dir("deep"), DEPTH, "leaf.log")
    make_deep(t.dir("deep2"), SECOND_DEPTH, "leaf.log")


LONG_NAME = "n" * 255
FORGED = "## Group-Writable Paths (v9.9.9)"
ODD_NAMES = [
    "new\nline",
    "tab\there",
    "-rf",
    "#hash",
    "!bang",
    " space ",
    "x\n" + FORGED,
    "esc\x1b[31mred",
]


def long_paths(t):
    t.file(f"tmp/{LONG_NAME}")
    parts = [("p%03d" % i) + "q" * 246 for i in range(20)]  # 20 x 250 bytes > PATH_MAX
    fd = os.open(t.dir("long"), os.O_RDONLY | os.O_DIRECTORY)
    for part in parts:
        os.mkdir(part, 0o755, dir_fd=fd)
        next_fd = os.open(part, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd = next_fd
    os.close(os.open("end.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))
    os.close(fd)
    for name in ODD_NAMES:
        t.file("tmp/" + name)
    (t.app / "tmp").joinpath(os.fsdecode(b"bad-\xff\xfe-utf8")).write_text("x")
    t.file("public/index.html")


def wide_tmp(t):
    for i in range(40):
        for j in range(150):
            t.file(f"tmp/d{i:02d}/f{j:03d}", "")
    t.file("public/index.html")
    # The same names outside, owned by the build user: a walker that re-resolved `tmp/dNN/fMMM`
    # after dNN became a symlink to this dir would change these.
    uid, gid = t.lc.layout.build
    for j in range(150):
        path = t.outside / f"f{j:03d}"
        path.write_text("")
        os.chown(path, uid, gid)


CASES = [
    Case(
        "deep-tree",
        f"a {DEPTH}-level tree selected whole and a file at the bottom of a"
        f" {SECOND_DEPTH}-level one (paths far beyond PATH_MAX)",
        deep_tree,
        ["/deep/", "leaf.log"],
        ["deep/", "deep2/" + "d/" * SECOND_DEPTH + "leaf.log"],
        build_timeout=300,
    ),
    Case(
        "long-paths",
        "255-byte names, paths beyond PATH_MAX, names with newlines, tabs, escape"
        " sequences, invalid UTF-8, leading - # !",
        long_paths,
        ["/tmp/", "/long/"],
        ["tmp/", "long/"],
        env={"BP_LOG_LEVEL": "DEBUG"},
        messages=[
            r"tmp/new\\(n|x0[aA]|u\{?0*[aA]\}?)line",
            r"tmp/tab\\(t|x09|u\{?0*9\}?)here",
            r"bad-\\x[fF][fF]\\x[fF][eE]-utf8",
        ],
        absent=[re.escape(FORGED) + "$", "\x1b"],
    ),
    Case(
        "concurrent-mutation",
        "dirs swapped for symlinks to outside the app during the walk:"
        " nothing outside changes, the build does not crash",
        wide_tmp,
        ["/tmp/"],
        ["tmp/"],
        exact_selection=False,
        during_build=start_mutator,
        repeat=3,
    ),
]
