"""Regression cases for the eight holes of #12, in the style of cases.py (the exact exit codes,
messages and modes of every entry inside and outside the app dir); item 1, the rename race, is
race.py, and the one that needs a root of its own (no /proc) is no_proc.py. This module is the
table of `Case`s, each built around a real lifecycle build; their trees and checks live in
holes_config.py (items 2, 3, 8), holes_deep.py (4, 5), holes_report.py (5, 7) and holes_layer.py
(6).

Cases that wait for work on another branch (they fail until it lands) have PENDING in their
description: the NUL escape in TOML (item 2) and RLIMIT_NPROC=0 with the TOML abort shapes
(item 8).
"""

import os
import re

import cnb
from case_types import ERROR, HEADER, Case, Command, plain_tree
from holes_config import (
    ABORT_ARRAY,
    ABORT_HEADER,
    no_world_write,
    nul_messages,
    nul_tree,
    toml_error,
    umask_tree,
)
from holes_deep import (
    DEEP_BLIND,
    DEEP_PATH,
    DEEP_PATTERN_ROOTS,
    PATTERN_DEPTH,
    PATTERN_LIMIT,
    PEAK_RSS_BOUND_MIB,
    TIME_BOUND_SECONDS,
    blind_after_chown,
    blind_tree,
    bounded_resources,
    deep_blind_tree,
    deep_commands,
    deep_patterns_tree,
)
from holes_layer import (
    fifo_layer_files,
    layer_files_replaced,
    nothing_in,
    symlinked_exec_d,
    symlinked_layer_dir,
    symlinked_layer_files,
    unwritable_layers,
)
from holes_report import (
    BIG_PATTERNS,
    BIG_ROOTS,
    LONG_PARTS,
    LONG_ROOTS,
    ODD_ROOTS,
    big_report,
    big_report_tree,
    long_roots,
    long_roots_tree,
    odd_names,
    odd_tree,
)

CASES = [
    # Item 2
    Case(
        "toml-nul-escape",
        "`\\u0000` in a `paths` string is an error"
        " naming project.toml, the line and the key; the pattern is never cut to `*`",
        nul_tree,
        [],
        [],
        project=HEADER + 'paths = ["*\\u0000.sqlite3"]\n',
        detect=ERROR,
        exit=ERROR,
        detect_messages=nul_messages(5, "paths"),
        messages=nul_messages(5, "paths"),
        probe=False,
    ),
    Case(
        "toml-nul-multiline",
        "`\\u0000` in the middle of a multi-line `paths` is an error; nothing after it vanishes",
        nul_tree,
        [],
        [],
        project=HEADER + 'paths = [\n  "/tmp/",\n  "/db/*.sqlite3\\u0000",\n'
        '  "!/public/keys/",\n  "/public/",\n]\n',
        detect=ERROR,
        exit=ERROR,
        detect_messages=nul_messages(7, "paths"),
        messages=nul_messages(7, "paths"),
        probe=False,
    ),
    Case(
        "toml-nul-create",
        "`\\u0000` in `create` is an error; no dir is made from the cut value",
        nul_tree,
        [],
        [],
        project=HEADER + 'paths = ["/tmp/"]\ncreate = ["tmp/pids\\u0000/../../../outside"]\n',
        detect=ERROR,
        exit=ERROR,
        detect_messages=nul_messages(6, "create"),
        messages=nul_messages(6, "create"),
        probe=False,
    ),
    # Item 3
    Case(
        "create-umask-000",
        "`create` under umask 000: tmp/ 0755 and tmp/pids 0775, never"
        " o+w, and the audit finds nothing",
        umask_tree,
        [],
        ["log/", "tmp/pids/"],
        project=HEADER + 'paths = ["/log/"]\ncreate = ["tmp/pids"]\n',
        umask=0o000,
        created=["tmp", "tmp/pids"],
        after_build=no_world_write,
        absent=[r"(?i)never adds"],
        commands=[Command(["{gw}", "audit"], 0, messages=[r"(?m)^- No findings$"])],
    ),
    # Item 4
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
                    r"Could not read 1 directory: the result of `audit` is incomplete",
                    r"Nothing below these was seen: `bin/`\.",
                ],
                absent=[r"(?i)No setuid", r"(?m)^- No findings"],
            ),
            Command(
                ["{gw}", "list", "-p", "helper"],
                1,
                stdout="",
                messages=[
                    r"Could not read 1 directory: the result of `list` is incomplete",
                    r"Nothing below these was seen: `bin/`\.",
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
    # Item 5
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
    Case(
        "big-report",
        f"{BIG_ROOTS:,} roots and {BIG_PATTERNS + 1:,} patterns: report.toml,"
        " the layer's TOML files and the build log stay under documented sizes; the log never"
        " claims all roots are in report.toml",
        big_report_tree,
        [],
        ["r/" + f"f{i:04d}.log" for i in range(BIG_ROOTS)],
        project=HEADER + 'paths-file = "patterns.txt"\n',
        after_build=big_report,
    ),
    Case(
        "long-roots-report",
        f"{LONG_ROOTS:,} roots of ~4,300 bytes: report.toml stays readable by the start-up check",
        long_roots_tree,
        ["*.log"],
        [
            "/".join(f"p{i:02d}" + "q" * 247 for i in range(LONG_PARTS)) + f"/f{j:04d}.log"
            for j in range(LONG_ROOTS)
        ],
        after_build=long_roots,
        probe=False,
    ),
    # Item 6
    Case(
        "layer-dir-symlink",
        "the launch layer dir planted as a symlink to a dir outside: the"
        " build refuses with a typed message and writes nothing there",
        plain_tree,
        ["/tmp/"],
        ["tmp/"],
        after_chown=symlinked_layer_dir,
        exit=ERROR,
        exact_selection=False,
        messages=[r"Cannot write the launch layer", r"never followed through a symbolic link"],
        absent=[r"CocoaError", r"Error Domain"],
        after_build=nothing_in("outside/layer-target"),
        probe=False,
    ),
    Case(
        "layer-exec-d-symlink",
        "exec.d planted as a symlink to a dir outside: refused, nothing written there",
        plain_tree,
        ["/tmp/"],
        ["tmp/"],
        after_chown=symlinked_exec_d,
        exit=ERROR,
        exact_selection=False,
        messages=[r"never followed through a symbolic link", r"exec\.d"],
        absent=[r"CocoaError"],
        after_build=nothing_in("outside/sub"),
        probe=False,
    ),
    Case(
        "layer-file-symlinks",
        "report.toml, launch.toml and group-writable.toml planted as"
        " symlinks to files outside: replaced, the targets unchanged",
        plain_tree,
        ["/tmp/"],
        ["tmp/"],
        after_chown=symlinked_layer_files,
        after_build=layer_files_replaced,
    ),
    Case(
        "layer-file-fifos",
        "FIFOs at report.toml, launch.toml and group-writable.toml: the build"
        " does not block and replaces them",
        plain_tree,
        ["/tmp/"],
        ["tmp/"],
        after_chown=fifo_layer_files,
        after_build=layer_files_replaced,
        build_timeout=60,
    ),
    Case(
        "layers-unwritable",
        "a layers dir the build user cannot write: a typed error naming it, no raw CocoaError",
        plain_tree,
        ["/tmp/"],
        ["tmp/"],
        after_chown=unwritable_layers,
        exit=ERROR,
        exact_selection=False,
        messages=[r"(?i)cannot", re.escape(cnb.LAYERS_NAME)],
        absent=[r"CocoaError", r"Error Domain", r"NSCocoaErrorDomain"],
        probe=False,
    ),
    # Item 7
    Case(
        "odd-name-roots",
        "16 roots with control characters, invalid UTF-8, bidi and C1"
        " characters, backslashes and the text `bad\\xFF` beside the byte: report.toml gives"
        " back each exact name, the start-up check warns about none",
        odd_tree,
        ["/odd/*"],
        ["odd/" + os.fsdecode(n) for n in ODD_ROOTS],
        after_build=odd_names,
        probe=False,
    ),
    # Item 8
    Case(
        "toml-abort-header",
        "the toml++ abort shape `[, utility]` (the guard can fork): an"
        " error naming project.toml and line 4",
        plain_tree,
        [],
        [],
        project=ABORT_HEADER,
        detect=ERROR,
        exit=ERROR,
        detect_messages=toml_error(4),
        messages=toml_error(4),
        probe=False,
    ),
    Case(
        "toml-abort-header-nproc-0",
        "`[, utility]` with RLIMIT_NPROC=0 (no fork for the guard): a clear error, no abort",
        plain_tree,
        [],
        [],
        project=ABORT_HEADER,
        limits=["--nproc=0:0"],
        detect=ERROR,
        exit=ERROR,
        detect_messages=[r"project\.toml"],
        messages=[r"project\.toml"],
        probe=False,
    ),
    Case(
        "toml-abort-array-nproc-0",
        "`paths = [}` with RLIMIT_NPROC=0: a clear error, no abort",
        plain_tree,
        [],
        [],
        project=ABORT_ARRAY,
        limits=["--nproc=0:0"],
        detect=ERROR,
        exit=ERROR,
        detect_messages=[r"project\.toml"],
        messages=[r"project\.toml"],
        probe=False,
    ),
]
