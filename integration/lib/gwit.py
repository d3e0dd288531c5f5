"""Shared machinery of the lifecycle-faithful integration tests.

Everything here runs as root and drives the real `bin/detect` and `bin/build` the way the CNB
lifecycle does: as an unprivileged build user, with only the CNB variables in the environment, the
app dir as the working directory. The export step then rewrites owners like the lifecycle exporter,
and probes run as a different user of the same group.
"""

import dataclasses
import json
import os
import shutil
import stat
import subprocess
import tempfile
import tomllib
from pathlib import Path

import emulation

BUILDPACK_ID = "utility/group-writable"
ERROR = "error"  # an expected exit status: anything but 0 and 100
# The lifecycle names a buildpack's layers dir after its id with `/` replaced by `_`.
LAYERS_NAME = BUILDPACK_ID.replace("/", "_")
LAYER_NAME = "group-writable"
LABEL_KEY = "utility.group-writable.paths"
PATH_ENV = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
BACKTRACE_MARKERS = (
    "Fatal error", "Current stack trace", "Stack dump", "Backtrace", "SIGSEGV", "SIGILL",
    "SIGTRAP", "Illegal instruction", "Segmentation fault", "Traceback (most recent call last)",
)


@dataclasses.dataclass(frozen=True)
class Layout:
    """A stack's pair of users: the build user and the run user share a group."""

    name: str
    build: tuple[int, int]
    run: tuple[int, int]
    distro: tuple[str, str]


LAYOUTS = [
    Layout("jammy", build=(1001, 1000), run=(1002, 1000), distro=("ubuntu", "22.04")),
    Layout("noble", build=(1001, 1001), run=(1002, 1001), distro=("ubuntu", "24.04")),
    Layout("ubi9", build=(1002, 1000), run=(1001, 1000), distro=("rhel", "9.4")),
]

# A user in none of the build groups (created by integration/run): after the export it may write
# nothing in the app, except what a platform made world-writable and the build could not change.
OUTSIDER = (1003, 1003)
# OpenShift runs a pod as an arbitrary uid of the namespace's range, in group 0.
OPENSHIFT_UID = 1000680000
# Tekton's catalog `buildpacks` task chowns the source to its USER_ID:GROUP_ID parameters.
TEKTON_OWNER = (1000, 1000)


@dataclasses.dataclass(frozen=True)
class Platform:
    """How a platform hands the app dir to the build, read in its sources (see docs/PLATFORMS.md).

    `root_mode` and `root_owner` are the app dir's own mode and owner during the build (None: the
    owner of the contents); `contents_mode` replaces every entry's mode (None: the host's modes, as a
    checkout with umask 022 has them); `setgid_dirs` makes every subdirectory setgid (a volume with
    `fsGroup`: new dirs inherit setgid); `source_owner` owns the contents (None: the build user);
    `build_gid` replaces the build user's gid for the build and the export (`pack build --gid`);
    `run_user` replaces the layout's run user.
    """

    name: str
    description: str
    root_mode: int
    root_owner: tuple[int | None, int | None] = (None, None)
    contents_mode: int | None = None
    setgid_dirs: bool = False
    source_owner: tuple[int, int] | None = None
    build_gid: int | None = None
    run_user: tuple[int, int] | None = None

    def build_user(self, layout):
        """(uid, gid) the build runs as and the exporter gives every entry."""
        uid, gid = layout.build
        return (uid, gid if self.build_gid is None else self.build_gid)

    def run_as(self, layout):
        """(uid, gid) of the app's process: a user of the build group."""
        return self.run_user or layout.run

    def contents_owner(self, layout):
        return self.source_owner or self.build_user(layout)

    def root_owner_of(self, layout):
        uid, gid = self.contents_owner(layout)
        return (uid if self.root_owner[0] is None else self.root_owner[0],
                gid if self.root_owner[1] is None else self.root_owner[1])


IDEALISED = Platform(
    "spring-boot", "Spring Boot bootBuildImage, `pack --path app.jar`: the build user owns the app"
    " dir, 0755 (the idealised layout)", root_mode=0o755)
PLATFORMS = [
    IDEALISED,
    Platform("pack", "pack >= 0.30 from a directory: the build user owns the app dir, 0777 (pack's"
             " root tar header); contents keep the host's modes", root_mode=0o777),
    Platform("pack-windows", "pack on a Windows host: the app dir and every entry 0777",
             root_mode=0o777, contents_mode=0o777),
    Platform("kpack", "kpack: the app dir is an emptyDir with fsGroup (uid 0, the build gid, 2777);"
             " the build user's contents, subdirectories setgid", root_mode=0o2777,
             root_owner=(0, None), setgid_dirs=True),
    Platform("shipwright", "Shipwright buildpacks-v3: the app dir is an emptyDir (uid 0, gid 0,"
             " 0777); the build user's contents", root_mode=0o777, root_owner=(0, 0)),
    Platform("tekton", "Tekton catalog buildpacks 0.7: `chown -R USER_ID:GROUP_ID` (1000:1000, not"
             " the builder's build user) and `chmod 775` on the source", root_mode=0o775,
             source_owner=TEKTON_OWNER),
    Platform("openshift", "OpenShift with `pack build --gid 0`: as pack, built and exported with gid"
             f" 0; the pod runs uid {OPENSHIFT_UID} in group 0", root_mode=0o777, build_gid=0,
             run_user=(OPENSHIFT_UID, 0)),
]


class Reporter:
    """Prints one `ok - ...` / `not ok - ...` line per check and keeps the totals."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, passed, details=()):
        """Records one check; `details` are printed under a failure, `#`-prefixed."""
        if passed:
            self.passed += 1
            print(f"ok - {name}", flush=True)
        else:
            self.failed += 1
            print(f"not ok - {name}", flush=True)
            for line in details:
                for part in str(line).splitlines() or [""]:
                    print(f"#   {part}", flush=True)
        return passed

    def equal(self, name, actual, expected):
        """Checks `actual == expected`, showing both on failure."""
        return self.check(name, actual == expected,
                          [f"expected: {expected!r}", f"actual:   {actual!r}"])

    def summary(self):
        print(f"{self.passed} passed, {self.failed} failed", flush=True)


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
    out = subprocess.run(["find", str(root), "-printf", r"%P\0%y\0%m\0%U\0%G\0%n\0%s\0%T@\0"],
                         capture_output=True, check=False)
    fields = out.stdout.split(b"\0")
    entries = {}
    for i in range(0, len(fields) - 1, 8):
        name, kind, mode, uid, gid, nlink, size, mtime = fields[i:i + 8]
        rel = os.fsdecode(name) or "."
        entries[rel] = Entry(kind.decode(), int(mode, 8), int(uid), int(gid), int(nlink),
                             int(size), mtime.decode())
    return entries


def content_changes(before, after):
    """Regular files of both snapshots whose size or modification time differ."""
    return [escape(rel) for rel, e in sorted(before.items())
            if e.kind == "f" and rel in after and (after[rel].size, after[rel].mtime)
            != (e.size, e.mtime)]


def mode_diff(actual, expected, limit=40):
    """Lines describing entries whose presence or mode differ between two {path: mode} maps."""
    lines = []
    for path in sorted(set(actual) | set(expected)):
        a, e = actual.get(path), expected.get(path)
        if a != e:
            show = lambda m: "missing" if m is None else f"{m:04o}"
            lines.append(f"{escape(path)}: expected {show(e)}, actual {show(a)}")
    if len(lines) > limit:
        lines = lines[:limit] + [f"... and {len(lines) - limit} more"]
    return lines


def escape(path, limit=160):
    """A path printable on one line (control characters and undecodable bytes escaped), long ones
    shortened in the middle."""
    parts = []
    for char in path:
        code = ord(char)
        if code < 0x20 or code == 0x7F:
            parts.append(repr(char)[1:-1])
        elif 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, kept by surrogateescape
            parts.append(f"\\x{code - 0xDC00:02x}")
        else:
            parts.append(char)
    text = "".join(parts)
    if len(text) > limit:
        text = f"{text[:limit // 2]}...({len(text)} chars)...{text[-limit // 2:]}"
    return text


def in_roots(rel, roots):
    """Whether `rel` (a snapshot key) is selected by one of `roots` (dirs end with `/`, the app root
    is `./`)."""
    for root in roots:
        if root == "./":
            return True
        if root.endswith("/"):
            if rel == root[:-1] or rel.startswith(root):
                return True
        elif rel == root:
            return True
    return False


def ancestors(rel):
    """The proper ancestors of `rel` inside the app dir, excluding the app dir itself."""
    found = []
    slash = rel.find("/")
    while slash != -1:
        found.append(rel[:slash])
        slash = rel.find("/", slash + 1)
    return found


def granted(entry, setgid):
    """The mode the contract gives a selected entry: owner bits mirrored to the group."""
    m = entry.mode
    if entry.kind == "d":
        m |= (m & 0o700) >> 3
        if setgid:
            m |= stat.S_ISGID
    elif entry.kind == "f" and entry.nlink == 1 and not m & (stat.S_ISUID | stat.S_ISGID):
        m |= (m & 0o600) >> 3
    return m


def expected_modes(before, roots, setgid=False, created=(), umask=0o022):
    """Applies the contract's mode rule to a before-build snapshot.

    Selected entries (inside `roots`) get the owner's bits mirrored to the group; symlinks, special
    files, hard-linked and setuid/setgid files keep their mode; ancestors of selected entries that
    lack g+x get it; the app dir itself changes only when `./` is a root. `created` dirs did not
    exist before: `mkdir` makes them under the build user's umask, then they are made writable like
    any selected dir.
    """
    entries = dict(before)
    for rel in created:
        entries[rel] = Entry("d", 0o777 & ~umask, 0, 0, 2)
    result = {rel: e.mode for rel, e in entries.items()}
    for rel, entry in entries.items():
        if in_roots(rel, roots) and (rel != "." or "./" in roots):
            result[rel] = granted(entry, setgid)
    # Every selected entry is a root or below one, so the unselected ancestors are the roots'.
    for root in roots:
        for parent in ancestors(root.rstrip("/")):
            if parent in result and not in_roots(parent, roots) and not result[parent] & 0o010:
                result[parent] |= 0o010
    return result


SQLITE_HEADER = b"SQLite format 3\0"
GRANTED, ANCESTOR, WORLD, GROUP, DATABASE = ("granted", "ancestor-search", "world-write-removed",
                                             "group-write-removed", "database-directory")
PROTECTED = "protected-write-removed"  # group write off a setuid/setgid file


@dataclasses.dataclass(frozen=True)
class Policy:
    """The settings that shape the build's mode rule (the scenario states them in `[expect]`)."""

    setgid: bool = False
    keep_world_writable: bool = False
    exclusive: bool = False
    sqlite_directories: bool = True


@dataclasses.dataclass
class Prediction:
    """What the contract says one build does to an app dir, derived from the tree before it.

    `modes`: every entry's mode after the build; `reasons`: why each entry the build user owns
    changes; `kept`: entries another user owns that change nothing although the rule wants them to
    ({path: (mode, wanted)}); `failed`: selected entries another user owns that lack what they
    need; `create_failed`: `create` dirs the build user cannot make; `outside_writable`: unselected
    entries left group-writable (exclusive off); `closed_dirs`: dirs of selected files that stay
    closed to the group; `database_dirs`: dirs opened for SQLite; `selected`: the selected
    entries; `already_writable`: selected entries that had the bits.
    """

    modes: dict
    kinds: dict
    reasons: dict
    kept: dict
    failed: list
    create_failed: list
    outside_writable: list
    closed_dirs: list
    database_dirs: list
    selected: set
    already_writable: int

    @property
    def fails(self):
        return bool(self.failed or self.create_failed)

    def count(self, reason, kind=None):
        return sum(1 for rel, why in self.reasons.items()
                   if reason in why and (kind is None or self.kinds[rel] == kind))


def parent_of(rel):
    return rel.rsplit("/", 1)[0] if "/" in rel else "."


def may_write(entry, uid, gid):
    """Whether (uid, gid), no supplementary groups, may create entries in the dir `entry`."""
    if uid == 0:
        return True
    shift = 6 if entry.uid == uid else 3 if entry.gid == gid else 0
    return (entry.mode >> shift) & 0o3 == 0o3


def is_database(path, entry):
    """An SQLite database as the contract recognises it: a regular file of at least 512 bytes, a
    multiple of 512, starting with the SQLite 3 header."""
    if entry.kind != "f" or entry.size < 512 or entry.size % 512:
        return False
    with open(path, "rb") as f:
        return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def root_rels(roots):
    """The snapshot keys of the writable roots (`tmp/` -> `tmp`, `./` -> `.`)."""
    return ["." if r == "./" else r.rstrip("/") for r in roots]


def predict(before, roots, build_user, policy=Policy(), created=(), databases=(),
            created_mode=0o755):
    """Applies the contract's mode rule to a before-build snapshot.

    Selected entries (inside `roots`) get the owner's bits mirrored to the group (setgid on dirs
    with `policy.setgid`); unselected dirs above a root get `g+x` (not the app dir); the dir of a
    selected SQLite database (a root in `databases`) gets the owner's bits for the group and the
    sticky bit; with `exclusive` every other entry loses `g+w`, and the app dir, whose mode the
    platform made, loses it unless selected; every entry loses `o+w` unless `keep_world_writable`.
    Symlinks never change; setuid/setgid files are never granted and lose `g+w`; hard-linked files
    are never granted; both lose `o+w` like the rest. Entries the build user does not
    own never change: fine when they already have the bits the selection needs, else the build
    fails. `created` dirs are made first, as the build user (like `mkdir -p`, but each gets
    exactly `created_mode`, whatever the umask, plus the setgid bit a setgid parent passes down, as
    `mkdir` in such a directory does, and its group).
    """
    uid, gid = build_user
    entries = dict(before)
    create_failed = []
    for rel in created:
        parts = rel.split("/")
        for depth in range(1, len(parts) + 1):
            path = "/".join(parts[:depth])
            if path in entries:
                continue
            parent = entries.get(parent_of(path))
            if parent is None or parent.kind != "d" or not may_write(parent, uid, gid):
                create_failed.append(rel)
                break
            entries[path] = Entry("d", created_mode | (parent.mode & stat.S_ISGID), uid,
                                  parent.gid if parent.mode & stat.S_ISGID else gid, 2)
    tops = set(root_rels(roots))
    whole = "." in tops
    selected = {rel for rel in entries if rel != "." and in_roots(rel, roots)} | (
        {"."} if whole else set())
    leads = {"."} if tops - {"."} else set()
    for top in tops:
        leads.update(ancestors(top))
    file_roots = [rel for rel in tops if rel in entries and entries[rel].kind == "f"]
    holds_db = {parent_of(rel) for rel in file_roots
                if rel in databases and policy.sqlite_directories}
    holds_file = {parent_of(rel) for rel in file_roots
                  if not (rel in databases and policy.sqlite_directories)}

    modes, reasons, kept, failed = {}, {}, {}, []
    outside, closed, opened = [], [], []
    already = 0
    for rel, e in entries.items():
        mode, why, required, skip = e.mode, set(), 0, False
        is_selected = rel in selected

        def add(bits, reason, need=True):
            nonlocal mode, required
            if need:
                required |= bits
            if mode | bits != mode:
                mode |= bits
                why.add(reason)

        def remove(bits, reason):
            nonlocal mode
            if mode & bits:
                mode &= ~bits
                why.add(reason)

        plain = True
        if e.kind == "l":
            skip = is_selected
            plain = False
        elif e.kind == "f" and e.mode & 0o6000:
            skip = is_selected
            remove(0o020, PROTECTED)
        elif e.kind == "f" and e.nlink > 1:
            skip = is_selected
            if policy.exclusive:
                remove(0o020, GROUP)
        elif is_selected:
            if e.kind == "d":
                add((e.mode & 0o700) >> 3 | (stat.S_ISGID if policy.setgid else 0), GRANTED)
            elif e.kind == "f":
                add((e.mode & 0o600) >> 3, GRANTED)
            else:
                skip = True
        elif e.kind == "d":
            if rel in holds_db:
                add((e.mode & 0o700) >> 3, DATABASE)
                add(stat.S_ISVTX, DATABASE, need=False)
            else:
                if rel in leads and rel != ".":
                    add(0o010, ANCESTOR)
                if policy.exclusive or (rel == "." and not policy.keep_world_writable):
                    remove(0o020, GROUP)
        elif policy.exclusive:
            remove(0o020, GROUP)
        if plain and not policy.keep_world_writable:
            remove(0o002, WORLD)
        if is_selected and not skip and GRANTED not in why:
            already += 1
        # The walk visits unselected files only when it may change them.
        visited = is_selected or e.kind == "d" or policy.exclusive or not policy.keep_world_writable
        if (visited and not is_selected and e.kind in "df" and not policy.exclusive
                and mode & 0o020 and DATABASE not in why):
            outside.append(rel)
        if rel in holds_file and mode & 0o030 != 0o030:
            closed.append(rel)
        if mode == e.mode:
            modes[rel] = mode
            continue
        if e.uid != uid and uid != 0:
            modes[rel] = e.mode
            if e.mode & required == required:
                kept[rel] = (e.mode, mode)
            elif why - {WORLD} == {DATABASE}:
                pass  # a database's dir the build user cannot open: a warning, not a failure
            else:
                failed.append(rel)
            continue
        modes[rel] = mode
        reasons[rel] = frozenset(why)
        if DATABASE in why:
            opened.append(rel)
    return Prediction(modes, {rel: e.kind for rel, e in entries.items()}, reasons, kept,
                      sorted(failed), create_failed, sorted(outside), sorted(closed),
                      sorted(opened), selected, already)


def run_as(user, argv, env, cwd, timeout=120, stdin_data=None, fd3=None, umask=0o022,
           limits=(), measure=False):
    """Runs `argv` as `user` (uid, gid) with exactly `env`, `umask` (022), no supplementary groups;
    `fd3`, an open descriptor, becomes the child's descriptor 3 (as the CNB launcher gives exec.d).
    `limits` are prlimit options (e.g. "--nofile=20:20") set on the command itself; with
    `measure`, /usr/bin/time records its peak RSS and wall time (Outcome.peak_kib, .seconds).
    Under GW_EMULATOR a product executable in argv[0] runs in the emulator (emulation.command)."""
    uid, gid = user
    cmd = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--", "env", "-i"]
    cmd += [f"{k}={v}" for k, v in env.items()]
    if limits:
        cmd += ["/usr/bin/prlimit", *emulation.limits(limits, argv), "--"]
    cmd += emulation.command(argv)
    measured = None
    if measure:
        handle, name = tempfile.mkstemp(prefix="gw-time.")
        os.close(handle)
        measured = Path(name)
        cmd = ["/usr/bin/time", "-o", name, "-f", "%M %e"] + cmd
    descriptors = {} if fd3 is None else {"close_fds": False, "preexec_fn": lambda: os.dup2(fd3, 3)}
    try:
        done = subprocess.run(cmd, cwd=cwd, input=stdin_data, capture_output=True,
                              timeout=timeout, umask=umask, check=False, **descriptors)
        outcome = Outcome(done.returncode, decode(done.stdout), decode(done.stderr), False)
    except subprocess.TimeoutExpired as e:
        outcome = Outcome(None, decode(e.stdout or b""), decode(e.stderr or b""), True)
    if measured is not None:
        fields = measured.read_text().split()
        measured.unlink()
        if len(fields) >= 2 and fields[-2].isdigit():  # "Command exited with ..." may come first
            outcome.peak_kib, outcome.seconds = int(fields[-2]), float(fields[-1])
    if os.environ.get("GW_VERBOSE"):
        log(f"{Path(str(argv[0])).name} as {uid}:{gid}")
        for line in outcome.describe(limit=200):
            log(f"  {line}")
    return outcome


def decode(data):
    return data.decode("utf-8", "surrogateescape")


@dataclasses.dataclass
class Outcome:
    """Exit status and output of one phase."""

    code: int | None
    stdout: str
    stderr: str
    timed_out: bool
    peak_kib: int | None = None  # with run_as(measure=True)
    seconds: float | None = None

    def describe(self, limit=30):
        lines = [f"exit status: {'timed out' if self.timed_out else self.code}"]
        for name, text in (("stdout", self.stdout), ("stderr", self.stderr)):
            body = text.splitlines()
            if len(body) > limit:
                body = body[:limit] + [f"... ({len(body) - limit} more lines)"]
            lines.append(f"{name}:" + ("" if body else " (empty)"))
            lines += [f"  {escape(line)}" for line in body]
        return lines


def exit_matches(outcome, expected):
    """(whether `outcome` exited as `expected`, the expectation in words); `expected` is a status or
    ERROR."""
    if expected == ERROR:
        return outcome.code not in (0, 100, None), "an error (not 0, not 100)"
    return outcome.code == expected, str(expected)


def has_backtrace(text):
    return any(marker in text for marker in BACKTRACE_MARKERS)


class Buildpack:
    """An assembled buildpack dir: buildpack.toml plus bin/detect and bin/build; `machine` is the ELF
    e_machine of bin/group-writable, `arch` its CNB name (amd64, arm64)."""

    def __init__(self, path):
        self.path = Path(path)
        with open(self.path / "buildpack.toml", "rb") as f:
            descriptor = tomllib.load(f)
        self.version = descriptor["buildpack"]["version"]
        self.id = descriptor["buildpack"]["id"]
        self.executable = self.path / "bin" / "group-writable"
        self.machine = emulation.elf_machine(self.executable)
        self.arch = emulation.ARCHITECTURES.get(self.machine, "amd64")


class Lifecycle:
    """The dirs and phases of one app's build, laid out like the lifecycle's.

    root/
        workspace/                    the app dir (CNB_APP_DIR), as the platform hands it over
        platform/env/NAME             the platform env files
        layers/utility_group-writable the buildpack's layers dir (CNB_LAYERS_DIR)
        plan/                         build plan files
        home/                         the build user's HOME
        image/                        what the exporter would put in the image
    """

    def __init__(self, root, layout, buildpack, python, platform=IDEALISED):
        self.root = Path(root)
        self.layout = layout
        self.platform = platform
        # The ids the build runs as (and the exporter gives every entry), and the app's process.
        self.build_user = platform.build_user(layout)
        self.run_user = platform.run_as(layout)
        self.buildpack = buildpack
        self.python = python
        self.workspace = self.root / "workspace"
        self.platform_dir = self.root / "platform"
        self.layers = self.root / "layers" / LAYERS_NAME
        self.plan = self.root / "plan"
        self.home = self.root / "home"
        self.image = self.root / "image"
        self.image_workspace = self.image / "workspace"
        self.image_layer = self.image / "layers" / LAYERS_NAME / LAYER_NAME
        self.process_env = {}

    def prepare(self, app_source=None, env_files=None, process_env=None):
        """Creates the dirs and copies the app, modes as a git checkout with umask 022 has them."""
        remove_tree(self.root)
        self.root.mkdir(parents=True, mode=0o755)
        os.chmod(self.root, 0o755)
        if app_source is not None:
            shutil.copytree(app_source, self.workspace, symlinks=True)
            normalise_modes(self.workspace)
        else:
            self.workspace.mkdir(mode=0o755)
        os.chmod(self.workspace, 0o755)
        (self.platform_dir / "env").mkdir(parents=True)
        for name, value in (env_files or {}).items():
            (self.platform_dir / "env" / name).write_bytes(os.fsencode(value))
        for path in (self.layers, self.plan, self.home):
            path.mkdir(parents=True, mode=0o755)
        (self.plan / "detect-plan.toml").write_bytes(b"")
        (self.plan / "buildpack-plan.toml").write_bytes(b"")
        self.process_env = dict(process_env or {})

    def give_to_build_user(self):
        """Gives the layers dir, plan files and HOME to the build user, as the lifecycle does, and
        the app dir as the platform hands it over (modes, owners, the app dir's own mode)."""
        platform = self.platform
        uid, gid = self.build_user
        for path in (self.layers, self.plan, self.home):
            subprocess.run(["chown", "-R", "-h", f"{uid}:{gid}", str(path)], check=True)
        if platform.contents_mode is not None:
            for path in tree_paths(self.workspace, dirs=True, files=True):
                os.chmod(path, platform.contents_mode)
        owner_uid, owner_gid = platform.contents_owner(self.layout)
        subprocess.run(["chown", "-R", "-h", f"{owner_uid}:{owner_gid}", str(self.workspace)],
                       check=True)
        if platform.setgid_dirs:
            for path in tree_paths(self.workspace, dirs=True, files=False):
                os.chmod(path, os.lstat(path).st_mode & 0o7777 | stat.S_ISGID)
        root_uid, root_gid = platform.root_owner_of(self.layout)
        os.chown(self.workspace, root_uid, root_gid)
        os.chmod(self.workspace, platform.root_mode)

    def env(self, phase):
        """The environment of `bin/detect` or `bin/build`, as Buildpack API 0.10 defines it."""
        env = dict(self.process_env)
        env.update({
            "CNB_PLATFORM_DIR": str(self.platform_dir),
            "CNB_BUILDPACK_DIR": str(self.buildpack.path),
            "CNB_TARGET_OS": "linux",
            "CNB_TARGET_ARCH": self.buildpack.arch,
            "CNB_TARGET_DISTRO_NAME": self.layout.distro[0],
            "CNB_TARGET_DISTRO_VERSION": self.layout.distro[1],
            "HOME": str(self.home),
            "PATH": PATH_ENV,
        })
        if phase == "detect":
            env["CNB_BUILD_PLAN_PATH"] = str(self.plan / "detect-plan.toml")
        else:
            env["CNB_LAYERS_DIR"] = str(self.layers)
            env["CNB_BP_PLAN_PATH"] = str(self.plan / "buildpack-plan.toml")
        return env

    def detect(self, timeout=120, **options):
        """bin/detect as the build user; `options` go to run_as (umask, limits, measure)."""
        return run_as(self.build_user, [self.buildpack.path / "bin" / "detect"],
                      self.env("detect"), self.workspace, timeout, **options)

    def build(self, timeout=300, **options):
        """bin/build as the build user; `options` go to run_as (umask, limits, measure)."""
        return run_as(self.build_user, [self.buildpack.path / "bin" / "build"],
                      self.env("build"), self.workspace, timeout, **options)

    def export(self):
        """Tars the app dir and the launch layer with owners rewritten to the build user and unpacks
        them as root into a fresh image dir, keeping modes (what the lifecycle exporter does: the
        app dir itself too, with the mode it has after the build)."""
        uid, gid = self.build_user
        remove_tree(self.image)
        self.image_workspace.mkdir(parents=True)
        self.image_layer.parent.mkdir(parents=True)
        pairs = [(self.workspace, ".", self.image_workspace)]
        if (self.layers / LAYER_NAME).is_dir():
            pairs.append((self.layers, LAYER_NAME, self.image_layer.parent))
        for source_dir, member, target in pairs:
            archive = self.root / "export.tar"
            subprocess.run(["tar", "-C", str(source_dir), f"--owner={uid}", f"--group={gid}",
                            "--numeric-owner", "-cf", str(archive), member], check=True)
            subprocess.run(["tar", "-C", str(target), "--same-permissions", "--same-owner",
                            "--numeric-owner", "-xf", str(archive)], check=True)
            archive.unlink()

    def probe(self, actions, timeout=120, user=None):
        """Runs the probes as `user` (default: the run user); returns {(action, path): (ok, errno,
        mode)}."""
        request = json.dumps([[a, os.fsencode(p).decode("latin-1")] for a, p in actions]).encode()
        probe = self.root / "probe.py"
        shutil.copyfile(Path(__file__).with_name("probe.py"), probe)
        os.chmod(probe, 0o644)
        out = run_as(user or self.run_user, [self.python, probe], {"PATH": PATH_ENV}, self.root,
                     timeout, stdin_data=request)
        if out.code != 0:
            raise RuntimeError("probe failed:\n" + "\n".join(out.describe()))
        results = json.loads(out.stdout)
        return {(a, p): tuple(r) for (a, p), r in zip(actions, results)}

    def read_toml(self, path):
        """Parses a TOML file with tomllib; returns (data, error text)."""
        try:
            with open(path, "rb") as f:
                return tomllib.load(f), None
        except (OSError, tomllib.TOMLDecodeError) as e:
            return None, f"{type(e).__name__}: {e}"


def run_guarded(reporter, runner):
    """Runs `runner.run()`; an exception in a harness step fails that run (`runner.label`), not the
    suite."""
    try:
        runner.run()
    except Exception as e:
        reporter.check(f"{runner.label}: harness completes", False, [f"{type(e).__name__}: {e}"])


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


def probe_plan(image_snapshot, image_root, writable_paths):
    """Probe actions for every dir and regular file of an image tree, each with its expectation.

    Returns a list of (action, absolute path, expected success). Dirs get `create` (a new file) and,
    when expected writable, `mkdir`; regular files get `append`. Symlinks and special files are
    never opened.
    """
    plan = []
    for rel, entry in sorted(image_snapshot.items()):
        path = str(image_root) if rel == "." else os.path.join(str(image_root), rel)
        expected = rel in writable_paths
        if entry.kind == "d":
            plan.append(("create", path, expected))
            if expected:
                plan.append(("mkdir", path, True))
        elif entry.kind == "f":
            plan.append(("append", path, expected))
    return plan


def line_matching(text, regex):
    """The first line of `text` that `regex` searches successfully, or None."""
    for line in text.splitlines():
        if regex.search(line):
            return line
    return None


def log(message):
    print(f"# {message}", flush=True)

