"""Bounds (issue 12 item 5): memory and time on hostile sizes, and the size of what a build
writes. Each case once, with GNU time's peak RSS and a kill after --bound-kill seconds."""

import os
import shutil

from .common import (
    USERS,
    command_env,
    file_size,
    give_to_build_user,
    kib,
    log,
    run_root,
    timed_command,
)
from .trees import reset_tree

BOUND_RSS_MIB = 256  # peak RSS of any one command below
BOUND_SECONDS = 10.0  # wall time of list/apply/bin/build below (2 shared cores)
BOUND_DETECT_SECONDS = 1.0  # bin/detect reading a 1 MiB-capped project.toml (linear check)
BOUND_BYTES = 1 << 20  # report.toml, the build log, detect's output
DEEP_DEPTH = 6000
PATTERN_FILES = (  # key, pattern (% N), how many, byte cap
    ("lit10k", "**/d/%d", 10_000, None),
    ("lit-cap", "**/d/%d", 200_000, 1 << 20),
    ("lit100k", "**/d/%d", 100_000, None),
    ("glob10k", "**/d*/%d", 10_000, None),
    ("prefix10k", "**/d/%d*", 10_000, None),
    ("head10k", "?%d", 10_000, None),
    ("tail10k", "**/d*/*%d[0-9]", 10_000, None),
    ("infix10k", "*-%d-*", 10_000, None),
)
# issue 23 item 3: 10,000 patterns that can match at any depth, combined, not tried one by one
MANY_PATTERNS_SECONDS = 3.0
PROJECT_LOGS = '[utility.group-writable]\npaths = ["*.log"]\n'


class BoundRow:
    def __init__(
        self, case, seconds, rss_kib, status, expected, time_limit, sizes=(), output=b"", note=""
    ):
        self.case = case
        self.seconds = seconds  # None: killed at the time limit of the run
        self.rss_kib = rss_kib
        self.status = status
        self.expected = expected  # "ok" (exit 0) or "refused" (exit != 0)
        self.time_limit = time_limit
        self.sizes = list(sizes)  # [(label, bytes, bounded)]
        self.output = output
        self.note = note

    def misses(self):
        found = []
        if self.seconds is None:
            found.append("killed")
        elif self.seconds > self.time_limit:
            found.append("time")
        if self.expected == "ok" and self.status not in (0, None) and self.seconds is not None:
            found.append("exit %d" % self.status)
        if self.expected == "refused" and self.status == 0:
            found.append("not refused")
        if self.rss_kib is not None and self.rss_kib / 1024 > BOUND_RSS_MIB:
            found.append("RSS")
        found += [
            "%s size" % label
            for label, size, bounded in self.sizes
            if bounded and size is not None and size > BOUND_BYTES
        ]
        return found


def pattern_lines(fmt, count, cap=None):
    """(bytes, lines): fmt % N for N = 1..count, one a line, stopping before cap bytes."""
    out = bytearray()
    lines = 0
    for number in range(1, count + 1):
        line = (fmt % number + "\n").encode()
        if cap is not None and len(out) + len(line) > cap:
            break
        out += line
        lines += 1
    return bytes(out), lines


def make_chain(path, depth, per_level=(), bottom=()):
    """path/d/d/.../d (depth directories) with the files per_level(level) at each level and the
    files bottom in the deepest one; through directory descriptors (the paths are far longer than
    PATH_MAX)."""
    old = os.umask(0o022)
    try:
        os.mkdir(path, 0o755)
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        for level in range(depth):
            for name in per_level(level) if per_level else ():
                os.close(os.open(name, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644, dir_fd=fd))
            os.mkdir("d", 0o755, dir_fd=fd)
            deeper = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = deeper
        for name in bottom:
            os.close(os.open(name, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644, dir_fd=fd))
        os.close(fd)
    finally:
        os.umask(old)


class Bounds:
    """The cases' shared state: where they run, and the rows they add."""

    def __init__(self, binary, buildpack, work, gnu_time, args):
        self.binary, self.buildpack, self.work = binary, buildpack, work
        self.gnu_time, self.args = gnu_time, args
        self.rows = []
        self.base = os.path.join(work, "bounds")
        self.out = os.path.join(work, "bounds.out")
        self.deep = os.path.join(self.base, "deep")
        self.files = {}

    def command(self, case, cmd, expected="ok", limit=BOUND_SECONDS, output_size=None):
        log("bench: bounds: " + case)
        seconds, rss, status = timed_command(
            cmd, self.base, command_env(), self.out, self.gnu_time, self.args.bound_kill
        )
        with open(self.out, "rb") as handle:
            text = handle.read()
        sizes = [(output_size, len(text), output_size == "output")] if output_size else []
        self.rows.append(BoundRow(case, seconds, rss, status, expected, limit, sizes, text[-600:]))

    def build(self, case, app, platform_vars, note="", expected="ok"):
        platform = os.path.join(self.base, "platform")
        if os.path.exists(platform):
            shutil.rmtree(platform)
        os.makedirs(os.path.join(platform, "env"))
        for name, data in platform_vars.items():
            with open(os.path.join(platform, "env", name), "wb") as handle:
                handle.write(data)
        layers = os.path.join(USERS.home, "bounds-layers")
        log("bench: bounds: " + case)
        seconds, rss, status = self.buildpack.build(
            app, layers, platform, self.out, self.gnu_time, self.args.bound_kill
        )
        layer = os.path.join(layers, "group-writable")
        with open(self.out, "rb") as handle:
            text = handle.read()
        sizes = [
            ("report.toml", file_size(os.path.join(layer, "report.toml")), True),
            ("build log", len(text), True),
            ("layer toml", file_size(os.path.join(layers, "group-writable.toml")), False),
            ("launch.toml", file_size(os.path.join(layers, "launch.toml")), False),
        ]
        row = BoundRow(
            case, seconds, rss, status, expected, BOUND_SECONDS, sizes, text[-600:], note
        )
        self.rows.append(row)

    def make_deep(self):
        """The 6000-deep tree: d/d/.../d, and at each level the files `f` and `N` (the level + 1),
        so `**/d/N` selects one file per level (as benchmarks/deep-scopes walks it); and the
        pattern files."""
        log("bench: bounds: a %d-deep tree" % DEEP_DEPTH)
        make_chain(self.deep, DEEP_DEPTH, per_level=lambda level: ("f", str(level + 1)))
        give_to_build_user(self.deep)
        for key, fmt, count, cap in PATTERN_FILES:
            data, lines = pattern_lines(fmt, count, cap)
            path = os.path.join(self.base, key + ".gitignore")
            with open(path, "wb") as handle:
                handle.write(data)
            self.files[key] = (path, lines, len(data))

    def deep_cases(self):
        binary, deep = self.binary, self.deep
        for key, label in (
            ("lit10k", "`**/d/N`"),
            ("glob10k", "`**/d*/N`"),
            ("prefix10k", "`**/d/N*`"),
            ("head10k", "`?N`"),
            ("tail10k", "`**/d*/*N[0-9]`"),
            ("infix10k", "`*-N-*`"),
        ):
            path, lines, size = self.files[key]
            what = "%s %s patterns (paths file, %s)" % (f"{lines:,}", label, kib(size))
            listing = [binary, "list", "--app", deep, "--patterns-file", path]
            quiet = ["bash", "-c", 'exec "$0" "$@" >/dev/null'] + listing
            many = MANY_PATTERNS_SECONDS
            self.command("`list`: %d-deep tree, %s" % (DEEP_DEPTH, what), quiet, limit=many)
            reset_tree(deep)
            self.command(
                "`apply`: %d-deep tree, %s" % (DEEP_DEPTH, what),
                [binary, "apply", "--app", deep, "--patterns-file", path],
                limit=many,
                output_size="log",
            )
            reset_tree(deep)
        path, lines, size = self.files["lit-cap"]
        self.command(
            "`list`: %s `**/d/N` patterns (%s, over the 10,000-pattern cap): refused"
            % (f"{lines:,}", kib(size)),
            [binary, "list", "--app", deep, "--patterns-file", path],
            expected="refused",
        )
        path, lines, size = self.files["lit100k"]
        self.command(
            "`list`: 100,000 `**/d/N` patterns (%s, over the 1 MiB cap): refused" % kib(size),
            [binary, "list", "--app", deep, "--patterns-file", path],
            expected="refused",
        )

    def detect_cases(self):
        """detect on a project.toml with many unknown keys (each one is warned about)."""
        for keys in (3_000, 30_000):
            app = os.path.join(self.base, "keys-%d" % keys)
            os.mkdir(app, 0o755)
            with open(os.path.join(app, "project.toml"), "w") as handle:
                handle.write('[utility.group-writable]\npaths = ["/tmp/"]\n')
                handle.write("".join("x%d = 1\n" % n for n in range(keys)))
            size = file_size(os.path.join(app, "project.toml"))
            give_to_build_user(app)
            log("bench: bounds: detect, %d unknown keys" % keys)
            detect_env = dict(
                self.buildpack.env(os.path.join(self.work, "detect-platform")),
                CNB_BUILD_PLAN_PATH=os.path.join(USERS.home, "bounds-plan.toml"),
            )
            detect = [os.path.join(self.buildpack.dir, "bin", "detect")]
            seconds, rss, status = timed_command(
                detect, app, detect_env, self.out, self.gnu_time, self.args.bound_kill
            )
            case = "`bin/detect`: project.toml with %s unknown keys (%s)" % (f"{keys:,}", kib(size))
            sizes = [("output", file_size(self.out), True)]
            self.rows.append(
                BoundRow(case, seconds, rss, status, "ok", BOUND_DETECT_SECONDS, sizes)
            )

    def deep_build_cases(self):
        deep = self.deep
        for key, expected in (("lit10k", "ok"), ("lit-cap", "refused")):
            path, lines, size = self.files[key]
            with open(path, "rb") as handle:
                variable = handle.read()
            reset_tree(deep)
            refused = "" if expected == "ok" else ": refused (over the 10,000-pattern cap)"
            self.build(
                "`bin/build`: `BP_GROUP_WRITABLE_PATHS` of %s (%s `**/d/N`, platform env file), "
                "%d-deep tree%s" % (kib(len(variable)), f"{lines:,}", DEEP_DEPTH, refused),
                deep,
                {"BP_GROUP_WRITABLE_PATHS": variable},
                expected=expected,
            )
        reset_tree(deep)
        data, lines = pattern_lines("%d", 100_000)
        with open(os.path.join(deep, "patterns.gitignore"), "wb") as handle:
            handle.write(data)
        with open(os.path.join(deep, "project.toml"), "w") as handle:
            handle.write('[utility.group-writable]\npaths-file = "patterns.gitignore"\n')
        for name in ("patterns.gitignore", "project.toml"):
            if USERS.build:
                os.chown(os.path.join(deep, name), *USERS.build)
        self.build(
            "`bin/build`: 100,000 patterns (paths file of the basenames 1..100000, %s), "
            "%d-deep tree: refused (over the 10,000-pattern cap)" % (kib(len(data)), DEEP_DEPTH),
            deep,
            {},
            expected="refused",
        )
        run_root(["rm", "-rf", deep])

    def many_roots_case(self):
        """Many roots: many-roots/dNNNN/fNNN.log, `*.log`: every file is a root."""
        count = self.args.bounds_roots
        many = os.path.join(self.base, "many-roots")
        log("bench: bounds: a tree with %d roots" % count)
        old = os.umask(0o022)
        try:
            os.mkdir(many, 0o755)
            for first in range(0, count, 1000):
                directory = os.path.join(many, "d%04d" % (first // 1000))
                os.mkdir(directory, 0o755)
                for number in range(min(1000, count - first)):
                    open(os.path.join(directory, "f%03d.log" % number), "w").close()
            with open(os.path.join(many, "project.toml"), "w") as handle:
                handle.write(PROJECT_LOGS)
        finally:
            os.umask(old)
        give_to_build_user(many)
        self.build(
            "`bin/build`: %s roots (`*.log`, 1,000 files in each of %s directories)"
            % (f"{count:,}", f"{(count + 999) // 1000:,}"),
            many,
            {},
        )
        run_root(["rm", "-rf", many])

    def deep_roots_case(self):
        """1,000 roots at the bottom of a 6000-deep chain: each root's path is 12 KB long."""
        deep_roots = os.path.join(self.base, "deep-roots")
        log("bench: bounds: 1,000 roots at depth %d" % DEEP_DEPTH)
        make_chain(deep_roots, DEEP_DEPTH, bottom=["r%03d.log" % n for n in range(1000)])
        with open(os.path.join(deep_roots, "project.toml"), "w") as handle:
            handle.write(PROJECT_LOGS)
        give_to_build_user(deep_roots)
        self.build(
            "`bin/build`: 1,000 roots at depth %d (each path %s bytes)"
            % (DEEP_DEPTH, f"{2 * DEEP_DEPTH + 8:,}"),
            deep_roots,
            {},
        )


def bounds(binary, buildpack, work, gnu_time, args):
    """Each case once, with GNU time's peak RSS and a kill after args.bound_kill seconds."""
    cases = Bounds(binary, buildpack, work, gnu_time, args)
    os.mkdir(cases.base, 0o755)
    try:
        cases.make_deep()
        cases.deep_cases()
        cases.detect_cases()
        cases.deep_build_cases()
        cases.many_roots_case()
        cases.deep_roots_case()
    finally:
        run_root(["rm", "-rf", cases.base])  # GNU rm: Python's rmtree cannot go 6000 deep
    return cases.rows
