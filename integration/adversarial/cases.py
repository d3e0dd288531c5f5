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

import dataclasses
import os
import re
import signal
import socket
import stat
import subprocess
import time
from pathlib import Path

import emulation
import gwit

OTHER_LAYER = "layers/other_buildpack/ruby"
DEPTH = 5000
SECOND_DEPTH = 1000  # still far beyond PATH_MAX; the walk's cost grows with depth squared
OWN_OUTPUT = ("layers/" + gwit.LAYERS_NAME, "plan", "home", "probe.py", "mutator.py", "stop")
ERROR = gwit.ERROR
# What this suite leaves out under GW_EMULATOR (qemu-user), and why; the harness names it in its
# summary line. Every other case runs, the product's executables under the emulator.
EMULATED_OMISSIONS = {
    "rename-race-*": "they run `apply` under strace (ptrace) to widen the race window; under qemu-user"
                     " strace traces the emulator, and the by-name control never wins there",
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
    modes: dict = dataclasses.field(default_factory=dict)  # exact modes the model cannot know (ACLs, mounts)


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
FIX_FOR_UNREADABLE = ("the error's first suggestion says how to make the dir readable",
                      r"(?im)^\W*How to fix it:\s*\n\W*- (?!Or\b).*\b(read|chmod)")


def lock_dir(rel):
    def after(t):
        os.chmod(t.app / rel, 0o000)
    return after


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


def deep_tree(t):
    make_deep(t.dir("deep"), DEPTH, "leaf.log")
    make_deep(t.dir("deep2"), SECOND_DEPTH, "leaf.log")


LONG_NAME = "n" * 255
FORGED = "## Group-Writable Paths (v9.9.9)"
ODD_NAMES = ["new\nline", "tab\there", "-rf", "#hash", "!bang", " space ", "x\n" + FORGED,
             "esc\x1b[31mred"]


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


MUTATOR = r'''
import os, random, sys, time
app, outside, stop = sys.argv[1], sys.argv[2], sys.argv[3]
tmp = os.path.join(app, "tmp")
rng = random.Random(7)
deadline = time.monotonic() + 60
swaps = 0
while not os.path.exists(stop) and time.monotonic() < deadline:
    d = os.path.join(tmp, "d%02d" % rng.randrange(40))
    try:
        os.rename(d, d + ".away")
        os.symlink(outside, d)
        swaps += 1
        time.sleep(0.002)  # long enough for a walker that re-resolves paths to go through it
        os.unlink(d)
        os.rename(d + ".away", d)
    except OSError:
        pass
print(swaps)
'''


def start_mutator(t):
    """A concurrent process (the build user's) that keeps swapping dirs of tmp/ for symlinks to
    a dir outside the app while the build walks tmp/."""
    script = t.root / "mutator.py"
    script.write_text(MUTATOR)
    os.chmod(script, 0o644)
    stop = t.root / "stop"
    uid, gid = t.lc.layout.build
    proc = subprocess.Popen(["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--",
                             t.lc.python, str(script), str(t.app), str(t.outside), str(stop)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    time.sleep(0.2)

    def stop_it():
        """Stops the mutator; returns how many swaps it made."""
        stop.write_text("")
        try:
            out, _ = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            out, _ = proc.communicate()
        stop.unlink()
        # Put back whatever the last swap left half done.
        for i in range(40):
            d = t.app / "tmp" / f"d{i:02d}"
            away = Path(str(d) + ".away")
            if away.exists():
                if d.is_symlink():
                    d.unlink()
                os.rename(away, d)
        return int(out or b"0")
    return stop_it


CASES = [
    Case("symlink-to-root", "symlinks to / (selected and inside a selected dir) are never followed",
         symlink_to_root, ["/tmp/", "/link-root", "/etc-link"], ["tmp/"]),
    Case("symlink-to-parent", "symlinks to .., ., and to a dir outside the app are never followed",
         symlink_to_parent, ["/tmp/"], ["tmp/"]),
    Case("symlink-to-other-layer", "a symlink into another buildpack's layer, selected by a"
         " pattern, leaves that layer untouched", symlink_to_other_layer,
         ["/vendor/ruby", "/vendor/ruby-lib", "/tmp/"], ["tmp/"]),
    Case("symlink-loops", "symlink loops end the walk normally", symlink_loops, ["/tmp/", "/a/"],
         ["tmp/", "a/"]),
    Case("dangling-symlinks", "dangling symlinks, also one named by a pattern, are harmless",
         dangling_symlinks, ["/tmp/", "/cache"], ["tmp/"]),
    Case("symlinked-tmp", "a symlinked tmp/ and log named by patterns: the targets outside the app"
         " stay unchanged", symlinked_tmp, ["/tmp/", "/tmp", "/log/", "/storage/"],
         ["storage/"]),
    Case("hard-links", "files with more than one hard link (one into another buildpack's layer)"
         " are not changed, with a warning naming them", hard_links, ["/config/", "/tmp/"],
         ["config/", "tmp/"], warnings=["config/settings.rb", "tmp/a.txt"],
         messages=["config/settings.rb", "tmp/a.txt"],
         unchanged=["config/settings.rb", "tmp/a.txt", "tmp/b.txt"]),
    Case("setuid-files", "setuid/setgid files are never made group-writable, with a warning",
         setuid_files, ["/bin/"], ["bin/"], after_chown=setuid_after_chown,
         warnings=["bin/tool", "bin/sgtool"], messages=["bin/tool", "bin/sgtool"],
         unchanged=["bin/tool", "bin/sgtool"]),
    Case("special-files", "FIFOs, sockets and devices are never opened (the build would hang) nor"
         " changed", special_files, ["/tmp/", "/pipe"], ["tmp/"], build_timeout=60,
         unchanged=["tmp/fifo", "pipe", "tmp/socket"]),
    Case("foreign-owner", "a selected dir owned by another user fails the build with its path and"
         " the fix (owned by uid N; the build user is uid M)", foreign_owner, ["/tmp/"], ["tmp/"],
         exit=ERROR, after_chown=foreign_after_chown, exact_selection=False,
         messages=[r"tmp/foreign", r"\b1500\b", r"(?i)build user.*\b{build_uid}\b"],
         absent=[r"root-owned\.html"], unchanged=["tmp/foreign", "tmp/foreign/data"]),
    Case("unreadable-selected-dir", "a selected dir the build user cannot read fails the build"
         " naming it", unreadable_selected, ["/tmp/"], ["tmp/"], exit=ERROR,
         after_chown=lock_dir("tmp/locked"), exact_selection=False,
         messages=[r"tmp/locked", FIX_FOR_UNREADABLE], unchanged=["tmp/locked"]),
    Case("unreadable-unselected-dir", "an unreadable dir the walk must enter (unanchored pattern)"
         " fails the build naming it", unreadable_unselected, ["*.log"], ["log/app.log"],
         exit=ERROR, after_chown=lock_dir("secret"), exact_selection=False,
         messages=[r"secret", FIX_FOR_UNREADABLE], unchanged=["secret"]),
    Case("deep-tree", f"a {DEPTH}-level tree selected whole and a file at the bottom of a"
         f" {SECOND_DEPTH}-level one (paths far beyond PATH_MAX)", deep_tree,
         ["/deep/", "leaf.log"], ["deep/", "deep2/" + "d/" * SECOND_DEPTH + "leaf.log"],
         build_timeout=300),
    Case("long-paths", "255-byte names, paths beyond PATH_MAX, names with newlines, tabs, escape"
         " sequences, invalid UTF-8, leading - # !", long_paths, ["/tmp/", "/long/"],
         ["tmp/", "long/"], env={"BP_LOG_LEVEL": "DEBUG"},
         messages=[r"tmp/new\\(n|x0[aA]|u\{?0*[aA]\}?)line", r"tmp/tab\\(t|x09|u\{?0*9\}?)here",
                   r"bad-\\x[fF][fF]\\x[fF][eE]-utf8"],
         absent=[re.escape(FORGED) + "$", "\x1b"]),
    Case("concurrent-mutation", "dirs swapped for symlinks to outside the app during the walk:"
         " nothing outside changes, the build does not crash", wide_tmp, ["/tmp/"], ["tmp/"],
         exact_selection=False, during_build=start_mutator, repeat=3),
]


# --- The runner ------------------------------------------------------------------------------

def run(reporter, layouts, buildpack, work, python, only):
    import holes  # noqa: E402 (the #12 regression cases; they use this module's Case and Tree)
    import race  # noqa: E402
    import trace_escapes  # noqa: E402 (#22 item 4)
    import access  # noqa: E402 (#22 items 1, 2 and 7)
    import round_two  # noqa: E402 (#22 items 3, 8, 9 and 10)

    layout = layouts[0]  # the hostile trees do not depend on the ids; one layout keeps it fast
    escapes = [] if emulation.active() else trace_escapes.CASES
    if emulation.active():
        gwit.log("trace-escapes: left out under the emulator: " + EMULATED_OMISSIONS["trace-escapes"])
    for case in CASES + holes.CASES + escapes + access.CASES + round_two.CASES:
        if not only.search(case.name):
            continue
        started = time.monotonic()
        gwit.run_guarded(reporter, CaseRun(reporter, layout, case, buildpack, Path(work), python))
        gwit.log(f"{case.name}: {time.monotonic() - started:.1f} s")
        if not os.environ.get("GW_KEEP"):
            gwit.remove_tree(Path(work) / case.name)  # deep trees: free the disk as we go
    started = time.monotonic()
    holes.run(reporter, layout, buildpack, Path(work), python, only)
    if emulation.active():
        gwit.log("rename races: left out under the emulator: "
                 + EMULATED_OMISSIONS["rename-race-*"])
    else:
        race.suite(reporter, buildpack, Path(work), python, only,
                   label=f"adversarial/{layout.name}")
    gwit.log(f"no-proc and rename races: {time.monotonic() - started:.1f} s")


class CaseRun:
    def __init__(self, reporter, layout, case, buildpack, work, python):
        self.r = reporter
        self.case = case
        self.layout = layout
        self.label = f"adversarial/{layout.name}/{case.name}"
        self.lc = gwit.Lifecycle(work / case.name, layout, buildpack, python)

    def check(self, what, passed, details=()):
        return self.r.check(f"{self.label}: {what}", passed, details)

    def scope(self):
        """Modes of every entry of the lifecycle root but our own output: app dir and outside."""
        snap = gwit.snapshot(self.lc.root)
        return {rel: e for rel, e in snap.items()
                if not any(rel == p or rel.startswith(p + "/") for p in OWN_OUTPUT)}

    def run(self):
        case, lc = self.case, self.lc
        lc.prepare(None, dict(case.env))
        tree = Tree(lc)
        prepare_outside(tree)
        (lc.workspace / "project.toml").write_text(
            case.project if case.project is not None else project_toml(case.patterns))
        case.setup(tree)
        lc.give_to_build_user()
        if case.after_chown:
            case.after_chown(tree)
        before = self.scope()
        app_before = {rel[len("workspace/"):]: e for rel, e in before.items()
                      if rel.startswith("workspace/")}
        app_before["."] = before["workspace"]

        options = {"umask": case.umask, "limits": case.limits}
        detect = lc.detect(**options)
        passed, wanted = gwit.exit_matches(detect, case.detect)
        self.check(f"detect exits {wanted}", passed, detect.describe())
        self.check("detect does not crash (no backtrace, no abort)",
                   not gwit.has_backtrace(detect.stdout + detect.stderr)
                   and detect.code not in (134, -6), detect.describe())
        for pattern in case.detect_messages:
            self.check(f"detect's output matches {pattern!r}",
                       re.search(pattern, detect.stdout + "\n" + detect.stderr) is not None,
                       detect.describe())
        for attempt in range(case.repeat):
            stop = case.during_build(tree) if case.during_build else None
            swaps = None
            try:
                build = lc.build(timeout=case.build_timeout, measure=case.measure, **options)
            finally:
                if stop:
                    swaps = stop()
            suffix = f" (run {attempt + 1} of {case.repeat})" if case.repeat > 1 else ""
            if swaps is not None:
                self.check(f"the concurrent process swapped dirs during the build{suffix}",
                           swaps > 0, [f"swaps: {swaps}"])
            self.check_outcome(build, before, app_before, suffix)
        for command in case.commands:
            self.check_command(command)
        if case.after_build:
            case.after_build(self, build)
        if case.exit == 0 and build.code == 0 and not case.during_build and case.probe:
            self.check_probes(app_before)

    def check_command(self, command):
        """Runs one `Command` in the app dir and checks its exit code and output."""
        binary = self.lc.buildpack.path / "bin" / "group-writable"
        argv = [str(a).replace("{gw}", str(binary)) for a in command.argv]
        user = {"build": self.layout.build, "run": self.layout.run, "root": (0, 0)}[command.user]
        out = gwit.run_as(user, argv, {"PATH": gwit.PATH_ENV, "HOME": "/nonexistent"},
                          self.lc.workspace, limits=command.limits)
        shown = " ".join(gwit.escape(a, 60) for a in ["group-writable"] + argv[1:])
        if command.limits:
            shown += f" (prlimit {' '.join(command.limits)})"
        self.check(f"`{shown}` exits {command.exit}", out.code == command.exit, out.describe())
        text = out.stdout + "\n" + out.stderr
        self.check(f"`{shown}` does not crash", not gwit.has_backtrace(text), out.describe())
        for pattern in command.messages:
            self.check(f"`{shown}` output matches {pattern!r}", re.search(pattern, text) is not None,
                       out.describe())
        for pattern in command.absent:
            line = gwit.line_matching(text, re.compile(pattern))
            self.check(f"`{shown}`: no output line matches {pattern!r}", line is None,
                       [f"line: {gwit.escape(line or '')}"])
        if command.stdout is not None:
            self.r.equal(f"{self.label}: `{shown}` prints exactly the expected lines",
                         out.stdout, command.stdout)
        return out

    def check_outcome(self, build, before, app_before, suffix):
        case = self.case
        passed, wanted = gwit.exit_matches(build, case.exit)
        if build.timed_out:
            wanted += f" within {case.build_timeout}s"
        self.check(f"build exits {wanted}{suffix}", passed, build.describe())
        text = build.stdout + "\n" + build.stderr
        self.check(f"build does not crash (no backtrace){suffix}", not gwit.has_backtrace(text),
                   build.describe())
        for message in case.messages:
            what, pattern = message if isinstance(message, tuple) else (None, message)
            regex = re.compile(pattern.replace("{build_uid}", str(self.layout.build[0])))
            what = what or f"output matches {regex.pattern!r}"
            self.check(f"{what}{suffix}", regex.search(text) is not None, build.describe())
        for pattern in case.absent:
            regex = re.compile(pattern)
            line = next((l for l in text.splitlines() if regex.search(l)), None)
            self.check(f"no output line matches {gwit.escape(pattern)!r}{suffix}", line is None,
                       [f"line: {gwit.escape(line or '')}"])
        if case.warnings and case.exit == 0:
            report, error = self.lc.read_toml(self.lc.layers / gwit.LAYER_NAME / "report.toml")
            warnings = [str(w) for w in (report or {}).get("warnings", [])]
            for pattern in case.warnings:
                self.check(f"report.toml has a warning matching {pattern!r}{suffix}",
                           any(re.search(pattern, w) for w in warnings),
                           [error or f"warnings: {warnings!r}"])

        after = self.scope()
        outside = {rel: e.mode for rel, e in before.items() if not rel.startswith("workspace")}
        outside_after = {rel: e.mode for rel, e in after.items() if not rel.startswith("workspace")}
        self.check(f"every entry outside the app dir keeps its mode ({len(outside)} entries:"
                   f" another layer, a dir of the build user){suffix}", outside_after == outside,
                   gwit.mode_diff(outside_after, outside))
        app_after = {rel[len("workspace/"):]: e.mode for rel, e in after.items()
                     if rel.startswith("workspace/")}
        app_after["."] = after["workspace"].mode
        # Created dirs get 0755 (then the group's bits) whatever the umask: the contract's modes.
        expected = gwit.expected_modes(app_before, case.roots, created=case.created)
        expected.update(case.modes)
        if case.exact_selection:
            self.check(f"every entry of the app dir has exactly the contract's mode{suffix}",
                       app_after == expected, gwit.mode_diff(app_after, expected))
        else:
            unselected = {rel: m for rel, m in expected.items()
                          if not gwit.in_roots(rel, case.roots) and rel in app_after}
            actual = {rel: app_after[rel] for rel in unselected}
            self.check(f"every unselected entry of the app dir keeps its mode{suffix}",
                       actual == unselected, gwit.mode_diff(actual, unselected))
        touched = gwit.content_changes(before, after)
        self.check(f"no file inside or outside the app dir is written{suffix}", not touched,
                   touched[:20])
        for rel in case.unchanged:
            self.check(f"{gwit.escape(rel)} keeps its mode{suffix}",
                       rel in app_before and app_after.get(rel) == app_before[rel].mode,
                       [f"before {app_before.get(rel)}, after {app_after.get(rel)}"])

    def check_probes(self, app_before):
        lc = self.lc
        if max(len(rel) for rel in app_before) < 3000:
            lc.export()
            target, where = lc.image_workspace, "the exported image"
        else:  # GNU tar cannot extract paths beyond PATH_MAX: probe the app dir itself
            target, where = lc.workspace, "the app dir (too deep for tar to export)"
        image = gwit.snapshot(target)
        # What the build saw decides: a hard link to a file outside the app is a single link in
        # the image, but the build had to leave it alone.
        writable = {rel for rel, e in app_before.items() if gwit.in_roots(rel, self.case.roots)
                    and (e.kind == "d" or (e.kind == "f" and e.nlink == 1
                                           and not e.mode & 0o6000))}
        writable |= {rel for rel in self.case.created if gwit.in_roots(rel, self.case.roots)}
        parents = {rel.rsplit("/", 1)[0] for rel in image if "/" in rel}
        # Deep chains: probe the first levels and the bottom, not each of thousands of levels.
        sample = {rel: e for rel, e in image.items()
                  if rel.count("/") < 50 or rel not in parents}
        plan = gwit.probe_plan(sample, target, writable)
        results = lc.probe([(a, p) for a, p, _ in plan])
        base = len(str(target)) + 1
        wrong = [f"{a} {gwit.escape(p[base:])[:120]}: expected {'success' if want else 'EACCES'},"
                 f" got {results[(a, p)][1] or 'success'}"
                 for a, p, want in plan if results[(a, p)][0] != want]
        run = "%d:%d" % self.layout.run
        self.check(f"run user {run} can write exactly the selected entries of {where}"
                   f" ({len(plan)} probes)", not wrong, wrong[:30])
