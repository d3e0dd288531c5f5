"""The adversarial suite's vocabulary: a case is data (a `Case` naming its setup, attack and
expected outcome), laid out with `Tree`; every case module builds a table of them.

Setups are functions of a `Tree` (run as root before the build user gets the app dir); attacks are
`after_chown` (after that), `during_build` (a concurrent process around the build), `limits` and
`umask`; expectations are the exit codes, messages, modes, `Command`s run afterwards and
`after_build` checks of the case's own.
"""

import dataclasses
import os
import subprocess

import cnb

OTHER_LAYER = "layers/other_buildpack/ruby"
ERROR = cnb.ERROR
HEADER = '[_]\nschema-version = "0.2"\n\n[utility.group-writable]\n'
# What this suite leaves out under GW_EMULATOR (qemu-user), and why; the harness names it in its
# summary line. Every other case runs, the product's executables under the emulator.
EMULATED_OMISSIONS = {
    "rename-race-*": "they run `apply` under strace (ptrace) to widen the race window; under"
    " qemu-user strace traces the emulator, and the by-name control never wins there",
    "no-proc: bin/build and the exec.d check": "qemu-user 7.2 (Debian 12) has no fchmodat2 (syscall"
    " 452): the product falls back to /proc/self/fd, which that root does not have",
    "trace-escapes": "`trace` is amd64-only, and qemu-user does not emulate `ptrace` for its guest",
}


@dataclasses.dataclass
class Case:
    """One hostile tree and its exact expected outcome."""

    name: str
    description: str
    setup: object  # function(Tree) building the app as root before ownership is handed over
    patterns: list  # the `paths` array of project.toml
    roots: list  # the selection, for the mode rule (symlinks and special files keep their mode)
    exit: object = 0  # 0 or ERROR
    after_chown: object = None  # function(Tree) run after the build user owns the tree
    messages: list = dataclasses.field(default_factory=list)  # regexes over stdout + stderr
    absent: list = dataclasses.field(default_factory=list)  # regexes no output line may match
    warnings: list = dataclasses.field(default_factory=list)  # regexes over report.toml warnings
    unchanged: list = dataclasses.field(default_factory=list)  # app paths whose mode must stay
    exact_selection: bool = True  # False: selected entries may or may not change (failed builds)
    during_build: object = None  # function(Tree) -> stop function, run around the build
    repeat: int = 1
    env: dict = dataclasses.field(default_factory=dict)
    build_timeout: int = 120
    project: object = None  # the raw text of project.toml, instead of one made from `patterns`
    detect: object = 0  # detect's exit code (0, 100 or ERROR); the build runs whatever it is
    detect_messages: list = dataclasses.field(default_factory=list)  # regexes over its output
    umask: int = 0o022  # the build user's umask in detect and build
    created: list = dataclasses.field(default_factory=list)  # dirs `create` makes (made 0755)
    limits: list = dataclasses.field(default_factory=list)  # prlimit options of detect and build
    commands: list = dataclasses.field(default_factory=list)  # Commands run after the build
    after_build: object = None  # function(CaseRun, build Outcome): checks of the case's own
    probe: bool = True  # probe the exported image as the run user after a successful build
    measure: bool = False  # record the build's peak RSS and wall time (Outcome.peak_kib, .seconds)
    modes: dict = dataclasses.field(
        default_factory=dict
    )  # exact modes the model cannot know (ACLs, mounts)


@dataclasses.dataclass
class Command:
    """A command line run after the build in the app dir (`{gw}` is the group-writable executable),
    with its exact expected exit code and output."""

    argv: list
    exit: int
    messages: list = dataclasses.field(default_factory=list)  # regexes over stdout + stderr
    absent: list = dataclasses.field(default_factory=list)  # regexes no output line may match
    stdout: object = None  # the exact stdout, when given
    user: str = "build"  # build, run or root
    limits: list = dataclasses.field(default_factory=list)  # prlimit options


class Tree:
    """Helpers to lay out a case's files as root, relative to the lifecycle root."""

    def __init__(self, lc):
        self.lc = lc
        self.root = lc.root
        self.app = lc.workspace
        self.outside = lc.root / "outside"
        self.layer = lc.root / OTHER_LAYER

    def file(self, rel, content="x\n", mode=0o644):
        path = self.app / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
        os.chmod(path, mode)
        return path

    def dir(self, rel, mode=0o755):
        path = self.app / rel
        path.mkdir(parents=True, exist_ok=True)
        os.chmod(path, mode)
        return path

    def link(self, rel, target):
        path = self.app / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)
        return path


def prepare_outside(tree):
    """A dir beside the app and another buildpack's layer, both owned by the build user."""
    (tree.outside / "sub").mkdir(parents=True)
    (tree.outside / "file.txt").write_text("outside\n")
    (tree.outside / "sub" / "data").write_text("outside\n")
    (tree.outside / "log").mkdir()
    (tree.layer / "bin").mkdir(parents=True)
    (tree.layer / "bin" / "ruby").write_text("#!/bin/sh\n")
    os.chmod(tree.layer / "bin" / "ruby", 0o755)
    (tree.layer / "lib.rb").write_text("module Ruby; end\n")
    (tree.layer.parent / "ruby.toml").write_text("[types]\nlaunch = true\n")
    uid, gid = tree.lc.layout.build
    for path in (tree.outside, tree.layer.parent):
        subprocess.run(["chown", "-R", "-h", f"{uid}:{gid}", str(path)], check=True)


def project_toml(patterns):
    quoted = ", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in patterns)
    return f'[_]\nschema-version = "0.2"\n\n[utility.group-writable]\npaths = [{quoted}]\n'


def make_deep(base, depth, leaf):
    """A chain of `depth` dirs named `d` below `base`, with a file `leaf` at the bottom (by fd, so
    paths longer than PATH_MAX are no problem)."""
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
    for _ in range(depth):
        os.mkdir("d", 0o755, dir_fd=fd)
        next_fd = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd = next_fd
    handle = os.open(leaf, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
    os.close(handle)
    os.close(fd)


def plain_tree(t):
    t.file("tmp/.keep", "")
    t.file("public/index.html")
