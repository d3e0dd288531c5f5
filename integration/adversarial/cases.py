"""Adversarial suite: hostile trees built around a real lifecycle build.

Each case lays out an app dir (and things outside it: a dir owned by the build user, another
buildpack's layer, both changeable by the build user, so any escape would show), runs the real
`bin/detect` and `bin/build` as the build user, and asserts the exact outcome:
  - the exit code;
  - the message text (warnings and errors name the offending paths);
  - the mode of every entry inside AND outside the app dir, from before/after snapshots: selected
    entries as the contract's mode rule says, everything else unchanged;
  - when the build succeeds, after an export like the lifecycle's, what the run user can write.
"""

import os
import re
import socket
import stat
import subprocess

from case_types import ERROR, Case, make_deep
from mutation import start_mutator

DEPTH = 5000
SECOND_DEPTH = 1000  # still far beyond PATH_MAX; the walk's cost grows with depth squared


# --- The cases -------------------------------------------------------------------------------


def symlink_to_root(t):
    t.file("tmp/.keep", "")
    t.link("tmp/root", "/")
    t.link("link-root", "/")
    t.link("etc-link", "/etc")


def symlink_to_parent(t):
    t.file("tmp/.keep", "")
    t.link("tmp/up", "..")
    t.link("tmp/self", ".")
    t.link("tmp/outside", "../../outside")
    t.link("tmp/outside-abs", str(t.outside))
    t.file("public/index.html")


def symlink_to_other_layer(t):
    t.dir("vendor")
    t.link("vendor/ruby", str(t.layer))
    t.link("vendor/ruby-lib", str(t.layer / "lib.rb"))
    t.file("tmp/.keep", "")
    t.link("tmp/layer", str(t.layer))


def symlink_loops(t):
    t.file("tmp/.keep", "")
    t.link("tmp/loop-a", "loop-b")
    t.link("tmp/loop-b", "loop-a")
    t.link("tmp/back", "../tmp")
    t.dir("a/b")
    t.link("a/b/to-a", "../../a")


def dangling_symlinks(t):
    t.file("tmp/.keep", "")
    t.link("tmp/dangling", "/nonexistent/group-writable")
    t.link("cache", "does-not-exist/")


def symlinked_tmp(t):
    t.link("tmp", "../outside")
    t.link("log", str(t.outside / "log"))
    t.file("storage/.keep", "")


def hard_links(t):
    t.file("config/app.rb")
    os.link(t.layer / "lib.rb", t.app / "config" / "settings.rb")
    t.file("tmp/a.txt")
    os.link(t.app / "tmp" / "a.txt", t.app / "tmp" / "b.txt")
    t.file("tmp/single.txt")


def setuid_files(t):
    t.file("bin/plain", "#!/bin/sh\n", 0o755)
    t.file("bin/tool", "#!/bin/sh\n", 0o755)
    t.file("bin/sgtool", "#!/bin/sh\n", 0o755)


def setuid_after_chown(t):
    # chown clears setuid/setgid, so the bits are set once the build user owns the files.
    os.chmod(t.app / "bin" / "tool", 0o4755)
    os.chmod(t.app / "bin" / "sgtool", 0o2755)


def special_files(t):
    t.file("tmp/.keep", "")
    os.mkfifo(t.app / "tmp" / "fifo", 0o644)
    os.mkfifo(t.app / "pipe", 0o600)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(t.app / "tmp" / "socket"))
    sock.close()
    try:
        os.mknod(t.app / "tmp" / "null", 0o644 | stat.S_IFCHR, os.makedev(1, 3))
    except OSError:
        pass  # no CAP_MKNOD here: the FIFO and the socket still cover special files


def foreign_owner(t):
    t.file("tmp/mine.txt")
    t.file("tmp/foreign/data")
    t.file("public/root-owned.html")


def foreign_after_chown(t):
    subprocess.run(["chown", "-R", "1500:1500", str(t.app / "tmp" / "foreign")], check=True)
    subprocess.run(["chown", "0:0", str(t.app / "public" / "root-owned.html")], check=True)


def unreadable_selected(t):
    t.file("tmp/.keep", "")
    t.file("tmp/locked/inside.txt")


def unreadable_unselected(t):
    t.file("log/app.log")
    t.file("secret/hidden.log")


# An unreadable directory's error must say how to fix that: make it readable (the suggestion list
# starts with a real suggestion, not with "Or ...").
FIX_FOR_UNREADABLE = (
    "the error's first suggestion says how to make the dir readable",
    r"(?im)^\W*How to fix it:\s*\n\W*- (?!Or\b).*\b(read|chmod)",
)


def lock_dir(rel):
    def after(t):
        os.chmod(t.app / rel, 0o000)

    return after


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
        "symlink-to-root",
        "symlinks to / (selected and inside a selected dir) are never followed",
        symlink_to_root,
        ["/tmp/", "/link-root", "/etc-link"],
        ["tmp/"],
    ),
    Case(
        "symlink-to-parent",
        "symlinks to .., ., and to a dir outside the app are never followed",
        symlink_to_parent,
        ["/tmp/"],
        ["tmp/"],
    ),
    Case(
        "symlink-to-other-layer",
        "a symlink into another buildpack's layer, selected by a"
        " pattern, leaves that layer untouched",
        symlink_to_other_layer,
        ["/vendor/ruby", "/vendor/ruby-lib", "/tmp/"],
        ["tmp/"],
    ),
    Case(
        "symlink-loops",
        "symlink loops end the walk normally",
        symlink_loops,
        ["/tmp/", "/a/"],
        ["tmp/", "a/"],
    ),
    Case(
        "dangling-symlinks",
        "dangling symlinks, also one named by a pattern, are harmless",
        dangling_symlinks,
        ["/tmp/", "/cache"],
        ["tmp/"],
    ),
    Case(
        "symlinked-tmp",
        "a symlinked tmp/ and log named by patterns: the targets outside the app stay unchanged",
        symlinked_tmp,
        ["/tmp/", "/tmp", "/log/", "/storage/"],
        ["storage/"],
    ),
    Case(
        "hard-links",
        "files with more than one hard link (one into another buildpack's layer)"
        " are not changed, with a warning naming them",
        hard_links,
        ["/config/", "/tmp/"],
        ["config/", "tmp/"],
        warnings=["config/settings.rb", "tmp/a.txt"],
        messages=["config/settings.rb", "tmp/a.txt"],
        unchanged=["config/settings.rb", "tmp/a.txt", "tmp/b.txt"],
    ),
    Case(
        "setuid-files",
        "setuid/setgid files are never made group-writable, with a warning",
        setuid_files,
        ["/bin/"],
        ["bin/"],
        after_chown=setuid_after_chown,
        warnings=["bin/tool", "bin/sgtool"],
        messages=["bin/tool", "bin/sgtool"],
        unchanged=["bin/tool", "bin/sgtool"],
    ),
    Case(
        "special-files",
        "FIFOs, sockets and devices are never opened (the build would hang) nor changed",
        special_files,
        ["/tmp/", "/pipe"],
        ["tmp/"],
        build_timeout=60,
        unchanged=["tmp/fifo", "pipe", "tmp/socket"],
    ),
    Case(
        "foreign-owner",
        "a selected dir owned by another user fails the build with its path and"
        " the fix (owned by uid N; the build user is uid M)",
        foreign_owner,
        ["/tmp/"],
        ["tmp/"],
        exit=ERROR,
        after_chown=foreign_after_chown,
        exact_selection=False,
        messages=[r"tmp/foreign", r"\b1500\b", r"(?i)build user.*\b{build_uid}\b"],
        absent=[r"root-owned\.html"],
        unchanged=["tmp/foreign", "tmp/foreign/data"],
    ),
    Case(
        "unreadable-selected-dir",
        "a selected dir the build user cannot read fails the build naming it",
        unreadable_selected,
        ["/tmp/"],
        ["tmp/"],
        exit=ERROR,
        after_chown=lock_dir("tmp/locked"),
        exact_selection=False,
        messages=[r"tmp/locked", FIX_FOR_UNREADABLE],
        unchanged=["tmp/locked"],
    ),
    Case(
        "unreadable-unselected-dir",
        "an unreadable dir the walk must enter (unanchored pattern) fails the build naming it",
        unreadable_unselected,
        ["*.log"],
        ["log/app.log"],
        exit=ERROR,
        after_chown=lock_dir("secret"),
        exact_selection=False,
        messages=[r"secret", FIX_FOR_UNREADABLE],
        unchanged=["secret"],
    ),
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
