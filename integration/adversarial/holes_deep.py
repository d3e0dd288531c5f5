"""#12 items 4 and 5: unreadable dirs, deep trees and huge pattern lists (memory and time
bounds): trees, commands and checks; the table is holes.py."""

import os

import reporting
from case_types import ERROR, HEADER, Case, Command, make_deep

# --- Item 4: unreadable dirs and deep trees ---------------------------------------------------


def blind_tree(t):
    t.file("bin/helper", "#!/bin/sh\nid\n", 0o755)
    t.file("tmp/.keep", "")
    t.file("public/index.html")


def blind_after_chown(t):
    # chown clears setuid, so the bits come after the build user owns the file; 0311: the owner
    # may enter bin/ and run bin/helper by name, nobody can list it.
    os.chmod(t.app / "bin" / "helper", 0o4755)
    os.chmod(t.app / "bin", 0o311)


DEEP_BLIND = 20000
DEEP_PATH = "d/" * DEEP_BLIND + "bottom.log"


def deep_blind_tree(t):
    make_deep(t.app, DEEP_BLIND, "bottom.log")
    t.file("top.txt")


def deep_commands(limits):
    blind = r"(?i)could not (be )?read|incomplete"
    return [
        Command(
            ["{gw}", "list", "-p", "bottom.log"],
            0,
            stdout=DEEP_PATH + "\n",
            absent=[blind],
            limits=limits,
        ),
        Command(
            ["{gw}", "audit"],
            0,
            messages=[r"(?m)^- No findings$", r"Inspected 20,0\d\d entries"],
            absent=[blind],
            limits=limits,
        ),
        Command(
            ["{gw}", "apply", "-p", "bottom.log", "--jobs", "1"], 0, absent=[blind], limits=limits
        ),
    ]


# --- Item 5: memory, time and the size of what the build writes ---------------------------------

PATTERN_DEPTH = 6000
PATTERNS_FILE_LIMIT = 1 << 20
PATTERN_LIMIT = 10_000  # ConfigurationLimits: patterns in all
PEAK_RSS_BOUND_MIB = 256  # documented bound of a build with the largest paths-file, any depth
TIME_BOUND_SECONDS = 120  # generous: a release build takes 1-20 s on two shared cores
MATCHED_DEPTHS = (7, 100, PATTERN_DEPTH)  # a file named N at depth N matches `**/d/N`


def pattern_lines(kind, limit_bytes=PATTERNS_FILE_LIMIT, count=None):
    lines, size, n = [], 0, 0
    while count is None or n < count:
        n += 1
        line = f"**/d/{n}\n" if kind == "literal" else f"**/d*/{n}\n"
        if size + len(line) > limit_bytes:
            break
        lines.append(line)
        size += len(line)
    return "".join(lines)


def deep_patterns_tree(kind, count=None):
    def setup(t):
        make_deep(t.app, PATTERN_DEPTH, "bottom.txt")
        fd = os.open(t.app, os.O_RDONLY | os.O_DIRECTORY)
        for depth in range(1, PATTERN_DEPTH + 1):
            next_fd = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = next_fd
            if depth in MATCHED_DEPTHS:
                os.close(os.open(str(depth), os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))
        os.close(fd)
        (t.app / "patterns.txt").write_text(pattern_lines(kind, count=count))

    return setup


DEEP_PATTERN_ROOTS = ["d/" * n + str(n) for n in MATCHED_DEPTHS]


def bounded_resources(run, build):
    peak, seconds = build.peak_kib, build.seconds
    run.check(
        f"the build's peak RSS is under {PEAK_RSS_BOUND_MIB} MiB",
        peak is not None and peak < PEAK_RSS_BOUND_MIB * 1024,
        [f"peak RSS: {peak} KiB"],
    )
    run.check(
        f"the build takes under {TIME_BOUND_SECONDS} s",
        seconds is not None and seconds < TIME_BOUND_SECONDS,
        [f"wall: {seconds} s"],
    )
    reporting.log(f"{run.case.name}: peak RSS {peak} KiB, {seconds} s")


# Items 4 and 5: unreadable dirs, deep trees, huge pattern lists
CASES = [
    Case(
        "blind-audit-0311",
        "a 0311 bin/ holding a setuid helper: the build warns that bin/"
        " could not be read, `audit` and `list -p helper` exit 1 naming it",
        blind_tree,
        ["/tmp/"],
        ["tmp/"],
        after_chown=blind_after_chown,
        messages=[
            r"1 directory could not be read",
            r"The audit could not read 1 directory",
            r"`bin/`",
        ],
        absent=[r"(?i)No setuid", r"(?m)^- No findings"],
        warnings=[r"could not be read.*bin/|bin/.*could not be read"],
        unchanged=["bin", "bin/helper"],
        commands=[
            Command(
                ["{gw}", "audit"],
                1,
                messages=[
                    r"Could not read 1 entry: the result of `audit` is incomplete",
                    r"could not be read: `bin/`\. Nothing below such a directory was seen\.",
                ],
                absent=[r"(?i)No setuid", r"(?m)^- No findings"],
            ),
            Command(
                ["{gw}", "list", "-p", "helper"],
                1,
                stdout="",
                messages=[
                    r"Could not read 1 entry: the result of `list` is incomplete",
                    r"could not be read: `bin/`\. Nothing below such a directory was seen\.",
                ],
            ),
            # check needs no listing: x on bin/ is enough to look bin/helper up
            Command(
                ["{gw}", "check", "-p", "helper", "bin/helper"],
                0,
                stdout="--pattern:1:helper\tbin/helper\n",
            ),
        ],
    ),
    Case(
        "blind-build-selectable",
        "a 0311 dir that a pattern could select in fails the build naming it",
        blind_tree,
        ["helper"],
        [],
        after_chown=blind_after_chown,
        exit=ERROR,
        exact_selection=False,
        messages=[r"`?bin/?`?", r"(?i)could not|cannot"],
        unchanged=["bin", "bin/helper"],
        probe=False,
    ),
    Case(
        "deep-20000-nofile-20",
        f"a {DEEP_BLIND:,}-deep tree: the build under `ulimit -n 20`,"
        " `list`, `audit` and `apply` with it and with the default limits (the soft limit raised"
        " to the hard one, 20,000 here, still short of 20,000 levels and the files) reach the"
        " bottom; nothing is reported unread",
        deep_blind_tree,
        ["bottom.log"],
        [DEEP_PATH],
        limits=["--nofile=20:20"],
        absent=[r"(?i)could not (be )?read"],
        commands=deep_commands(["--nofile=20:20"]) + deep_commands([]),
        build_timeout=300,
        probe=False,
    ),
    Case(
        "deep-patterns-literal",
        f"a {PATTERN_DEPTH}-deep tree with {PATTERN_LIMIT:,}"
        f" `**/d/N` patterns (the cap): peak RSS < {PEAK_RSS_BOUND_MIB} MiB, time <"
        f" {TIME_BOUND_SECONDS} s",
        deep_patterns_tree("literal", PATTERN_LIMIT),
        [],
        DEEP_PATTERN_ROOTS,
        project=HEADER + 'paths-file = "patterns.txt"\n',
        measure=True,
        after_build=bounded_resources,
        build_timeout=300,
    ),
    Case(
        "patterns-over-cap",
        f"a 1 MiB paths-file of `**/d/N` (~96,000 patterns, over the"
        f" {PATTERN_LIMIT:,} cap) is refused before any walk; nothing changes",
        deep_patterns_tree("literal"),
        [],
        [],
        project=HEADER + 'paths-file = "patterns.txt"\n',
        detect=ERROR,
        exit=ERROR,
        detect_messages=[r"Too many patterns", r"patterns\.txt"],
        messages=[r"Too many patterns", r"patterns\.txt"],
        probe=False,
    ),
    Case(
        "deep-patterns-glob",
        f"a {PATTERN_DEPTH}-deep tree with 10,000 `**/d*/N` patterns:"
        f" peak RSS < {PEAK_RSS_BOUND_MIB} MiB, time < {TIME_BOUND_SECONDS} s",
        deep_patterns_tree("glob", 10000),
        [],
        DEEP_PATTERN_ROOTS,
        project=HEADER + 'paths-file = "patterns.txt"\n',
        measure=True,
        after_build=bounded_resources,
        build_timeout=300,
    ),
]
