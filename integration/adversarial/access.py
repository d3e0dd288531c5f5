"""Regression cases for #22 items 1, 2 and 7: ACLs, file capabilities and mount points.

Each is a real build as the build user; the entries whose outcome the contract's mode model cannot
know (the snapshot carries no extended attributes) get their exact modes in `Case.modes`, and a
user outside the group (uid 1003, the one the ACLs name) then tries to write what it must not:
  - acl-named-writers: `u:1003:rw-` on a selected file and `u:1003:rwx` on a selected dir, each held
    read-only by its mask, are not granted (so the mask stays read-only); an unselected file whose
    ACL lets 1003 write loses the mask's write. The outsider can write none of them; the log, the
    warnings and `audit` name them.
  - capability-files: a selected `cap_dac_override+ep` file is not made group-writable, one that
    arrived group-writable loses group write; the run user cannot write either.
  - bind-mount: a directory bind-mounted into the app (same file system) is neither changed nor
    entered by the build nor by `apply -p /cache/` as root; the files on it keep their modes.
"""

import os
import subprocess

import cnb
import process
from case_types import Case

OUTSIDER = (1003, 1003)


def tool(*argv):
    subprocess.run(list(argv), check=True, capture_output=True)


def acl_tree(t):
    t.dir("storage")
    t.file("storage/plain")
    t.file("storage/file")
    t.dir("storage/sub")
    t.file("config/app.yml", mode=0o664)


def acl_after_chown(t):
    tool("setfacl", "-m", "u:1003:rw-,m::r--", str(t.app / "storage/file"))
    tool("setfacl", "-m", "u:1003:rwx,m::r-x", str(t.app / "storage/sub"))
    tool("setfacl", "-m", "u:1003:rw-", str(t.app / "config/app.yml"))


def outsider_writes(run, rel, what):
    """Checks that uid 1003 cannot append to (or create in) `rel`."""
    path = run.lc.workspace / rel
    target = path / "new" if path.is_dir() else path
    out = process.run_as(
        OUTSIDER,
        ["/bin/sh", "-c", f"echo x >> '{target}'"],
        {"PATH": cnb.PATH_ENV},
        run.lc.workspace,
    )
    run.check(
        f"uid 1003 (outside the group, named in the ACL) cannot {what}",
        out.code != 0,
        out.describe(),
    )


def acl_checks(run, build):
    outsider_writes(run, "storage/file", "write storage/file")
    outsider_writes(run, "storage/sub", "create in storage/sub/")
    outsider_writes(run, "config/app.yml", "write the unselected config/app.yml")
    # The audit names write through an ACL: give config/app.yml's mask its write back, as a later
    # step (or `apply` with keep-world-writable) would.
    tool("setfacl", "-m", "m::rw-", str(run.lc.workspace / "config/app.yml"))
    binary = run.lc.buildpack.path / "bin" / "group-writable"
    out = process.run_as(
        run.layout.build, [str(binary), "audit"], {"PATH": cnb.PATH_ENV}, run.lc.workspace
    )
    text = out.stdout + out.stderr
    run.check(
        "audit names config/app.yml as writable through an ACL, exit 1",
        out.code == 1
        and "! Warning: 1 entry writable through an ACL" in text
        and "`config/app.yml`" in text,
        out.describe(),
    )


def capability_tree(t):
    t.file("bin/plain", "#!/bin/sh\n", 0o755)
    t.file("bin/tool", "#!/bin/sh\n", 0o755)
    t.file("bin/arrived", "#!/bin/sh\n", 0o775)


def capability_after_chown(t):
    # chown drops capabilities, so they are set once the build user owns the files.
    for rel in ("bin/tool", "bin/arrived"):
        tool("setcap", "cap_dac_override+ep", str(t.app / rel))


def capability_checks(run, build):
    for rel in ("bin/tool", "bin/arrived"):
        out = process.run_as(
            run.layout.run,
            ["/bin/sh", "-c", f"echo x >> '{run.lc.workspace / rel}'"],
            {"PATH": cnb.PATH_ENV},
            run.lc.workspace,
        )
        run.check(
            f"the run user cannot write {rel}, which has capabilities",
            out.code != 0,
            out.describe(),
        )
    out = subprocess.run(
        ["getcap", str(run.lc.workspace / "bin/tool")], capture_output=True, text=True
    )
    run.check("bin/tool keeps its capabilities", "cap_dac_override" in out.stdout, [out.stdout])


def mount_tree(t):
    t.dir("cache")
    t.file("log/app.log")
    volume = t.outside / "volume"
    volume.mkdir(parents=True)
    (volume / "data").write_text("volume\n")
    os.chmod(volume / "data", 0o666)
    os.chmod(volume, 0o777)
    uid, gid = t.lc.layout.build  # the build user could change them: only the mount stops it
    for path in (volume, volume / "data"):
        os.chown(path, uid, gid)


def mount_after_chown(t):
    tool("mount", "--bind", str(t.outside / "volume"), str(t.app / "cache"))


def mount_checks(run, build):
    volume = run.lc.root / "outside" / "volume"
    try:
        binary = run.lc.buildpack.path / "bin" / "group-writable"
        out = process.run_as(
            (0, 0),
            [str(binary), "apply", "-p", "/cache/"],
            {"PATH": cnb.PATH_ENV},
            run.lc.workspace,
        )
        run.check("apply -p /cache/ as root exits 0", out.code == 0, out.describe())
        run.check(
            "apply as root names the mount point",
            "cache/" in out.stdout + out.stderr and "mount point" in out.stdout + out.stderr,
            out.describe(),
        )
        modes = {name: oct(os.stat(volume / name).st_mode & 0o7777) for name in ("data",)}
        modes["."] = oct(os.stat(volume).st_mode & 0o7777)
        run.check(
            "the files on the mount keep their modes after the build and apply as root",
            modes == {"data": "0o666", ".": "0o777"},
            [repr(modes)],
        )
    finally:
        subprocess.run(["umount", str(run.lc.workspace / "cache")], capture_output=True)


CASES = [
    Case(
        "acl-named-writers",
        "ACLs that name a writer are never widened by the build: selected"
        " entries with an ACL are not granted, an unselected one loses its mask's write",
        acl_tree,
        ["/storage/"],
        ["storage/"],
        after_chown=acl_after_chown,
        modes={"storage/file": 0o644, "storage/sub": 0o755, "config/app.yml": 0o644},
        messages=[
            r"2 selected entries with an ACL not made group-writable",
            r"Removed write from the ACL mask \(group bits\) of 1 entry whose ACL let named"
            r" users or groups write: `config/app\.yml` 664 → 644",
        ],
        warnings=["storage/file", "storage/sub/"],
        after_build=acl_checks,
        probe=False,
    ),
    Case(
        "capability-files",
        "files with capabilities are never group-writable",
        capability_tree,
        ["/bin/"],
        ["bin/"],
        after_chown=capability_after_chown,
        modes={"bin/tool": 0o755, "bin/arrived": 0o755},
        messages=[
            r"2 files with capabilities not made group-writable",
            r"Removed group write from 1 setuid, setgid or capability file: `bin/arrived`"
            r" 775 → 755",
        ],
        warnings=["bin/tool", "bin/arrived"],
        after_build=capability_checks,
        probe=False,
    ),
    Case(
        "bind-mount",
        "a directory bind-mounted into the app is neither changed nor entered, by"
        " the build or by apply as root",
        mount_tree,
        ["/cache/", "/log/"],
        ["log/"],
        after_chown=mount_after_chown,
        modes={"cache": 0o777, "cache/data": 0o666},
        messages=[r"1 mount point inside the app directory left alone", r"`cache/`"],
        warnings=["mount point"],
        after_build=mount_checks,
        probe=False,
    ),
]
