"""Hostile trees of files and owners: setuid files, FIFOs, sockets and devices, a dir another user
owns, unreadable dirs."""

import os
import socket
import stat
import subprocess

from case_types import ERROR, Case


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


CASES = [
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
]
