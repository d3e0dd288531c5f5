"""#12 items 5, 7 and 8: the size of what the build writes (report.toml, the layer's TOML, the
log) through the report and the start-up check; the table is holes.py."""

import json
import os
import re
import shutil

import cnb
import process
import reporting
from case_types import HEADER, Case

BIG_ROOTS = 3000
BIG_PATTERNS = 5000
# Documented bounds for this tree (3,000 roots of 14 bytes, 5,001 patterns), from ReportLimits:
# report.toml keeps 1,000 roots and 200 patterns, the layer's metadata and the label 200 roots,
# the log 20 roots, 20 paths per notice and 200 patterns.
REPORT_BOUND = 96 * 1024
LOG_BOUND = 48 * 1024
LAUNCH_BOUND = 16 * 1024
LAYER_TOML_BOUND = 16 * 1024


def big_report_tree(t):
    (t.app / "r").mkdir()
    for i in range(BIG_ROOTS):
        (t.app / "r" / f"f{i:04d}.log").write_text("")
    t.file("public/index.html")
    lines = [f"/none/{i}/\n" for i in range(BIG_PATTERNS)] + ["*.log\n"]
    (t.app / "patterns.txt").write_text("".join(lines))


def big_report(run, build):
    layer = run.lc.layers / cnb.LAYER_NAME
    sizes = {
        "report.toml": ((layer / "report.toml"), REPORT_BOUND),
        "launch.toml": ((run.lc.layers / "launch.toml"), LAUNCH_BOUND),
        "group-writable.toml": ((run.lc.layers / "group-writable.toml"), LAYER_TOML_BOUND),
    }
    for name, (path, bound) in sizes.items():
        size = path.stat().st_size if path.exists() else None
        run.check(
            f"{name} is under {bound // 1024} KiB",
            size is not None and size < bound,
            [f"size: {size}"],
        )
    log = len((build.stdout + build.stderr).encode())
    reporting.log(
        f"{run.case.name}: "
        + ", ".join(
            f"{name} {path.stat().st_size} bytes"
            for name, (path, _) in sizes.items()
            if path.exists()
        )
        + f", build log {log} bytes"
    )
    run.check(f"the build log is under {LOG_BOUND // 1024} KiB", log < LOG_BOUND, [f"size: {log}"])
    report, error = run.lc.read_toml(layer / "report.toml")
    roots = (report or {}).get("roots", [])
    expected = [f"r/f{i:04d}.log" for i in range(1000)]
    run.r.equal(
        f"{run.label}: report.toml keeps the first 1,000 roots in path order", roots, expected
    )
    meta, _ = run.lc.read_toml(run.lc.layers / "group-writable.toml")
    meta_roots = ((meta or {}).get("metadata") or {}).get("roots", [])
    run.check(
        "group-writable.toml keeps 200 roots", len(meta_roots) == 200, [f"{len(meta_roots)} roots"]
    )
    lines = build.stdout.splitlines()
    listed = [ln for ln in lines if re.search(r"r/f\d{4}\.log", ln) and "more" not in ln]
    run.check("the log lists at most 20 roots", len(listed) <= 20, [f"{len(listed)} lines"])
    run.check(
        "the log says how many roots are in report.toml (never `all` of them)",
        any(
            re.search(r"and 2,980 more \(the first 1,000 are in `report\.toml`\)", ln)
            for ln in lines
        ),
        build.describe(limit=80),
    )
    claim = reporting.line_matching(build.stdout, re.compile(r"all in `report\.toml`"))
    run.check("no log line claims all roots are in report.toml", claim is None, [claim or ""])


LONG_ROOTS = 1100
LONG_PARTS = (
    17  # 17 x 250 bytes: roots of ~4,300 bytes, 1,000 of them above the 2 MiB of roots kept
)


def long_roots_tree(t):
    fd = os.open(t.app, os.O_RDONLY | os.O_DIRECTORY)
    for i in range(LONG_PARTS):
        part = f"p{i:02d}" + "q" * 247
        os.mkdir(part, 0o755, dir_fd=fd)
        next_fd = os.open(part, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd = next_fd
    for i in range(LONG_ROOTS):
        os.close(os.open(f"f{i:04d}.log", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))
    os.close(fd)


def long_roots(run, build):
    layer = run.lc.layers / cnb.LAYER_NAME
    check_long_report(run, layer)
    check_doctor_reads(run, layer)
    check_startup_reads(run, layer)


def check_long_report(run, layer):
    """report.toml stays readable: under the size the readers accept, the first roots that fit."""
    size = (layer / "report.toml").stat().st_size
    limit = 16 << 20  # ReportFileLimits.reportSize: what the start-up check and doctor read
    run.check(
        "report.toml stays under the 16 MiB the start-up check reads back",
        size <= limit,
        [f"size: {size}"],
    )
    roots_bytes = 2 << 20  # ReportLimits.rootBytesInReport
    report, _ = run.lc.read_toml(layer / "report.toml")
    kept = (report or {}).get("roots", [])
    run.check(
        "report.toml keeps the first roots that fit in 2 MiB and counts them all",
        0 < len(kept) < LONG_ROOTS
        and sum(len(r.encode()) for r in kept) <= roots_bytes
        and (report or {}).get("roots-total") == LONG_ROOTS,
        [f"kept {len(kept)}"],
    )


def check_doctor_reads(run, layer):
    """What that means: `doctor` reads the roots back from the layer (and, in an image, the
    start-up check does the same)."""
    binary = run.lc.buildpack.path / "bin" / "group-writable"
    out = process.run_as(
        run.layout.build,
        [binary, "doctor", "--report", layer / "report.toml"],
        {"PATH": cnb.PATH_ENV},
        run.lc.workspace,
    )
    run.check(
        "`doctor --report` reads the build's report.toml",
        out.code == 0 and "Cannot read the report" not in out.stdout + out.stderr,
        out.describe(),
    )


def check_startup_reads(run, layer):
    """The start-up check, run in place (tar cannot export paths beyond PATH_MAX): with one root
    made read-only for the group, it must warn about it; and, the control, so must the same check
    with the report cut to its first 900 roots (under 4 MiB), so the size alone decides."""
    *parts, name = run.case.roots[0].split("/")
    fd = os.open(run.lc.workspace, os.O_RDONLY | os.O_DIRECTORY)
    for part in parts:  # one component at a time: the path is longer than PATH_MAX
        next_fd = os.open(part, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd = next_fd
    os.chmod(name, 0o644, dir_fd=fd)
    os.close(fd)
    program = layer / "exec.d" / "group-writable-check"
    out, warnings = startup_warnings(run, program)
    run.check(
        "the start-up check warns about the one root made read-only",
        out.code == 0 and len(warnings) == 1 and "f0000.log" in warnings[0],
        out.describe(),
    )
    report, _ = run.lc.read_toml(layer / "report.toml")
    roots = (report or {}).get("roots", [])[:900]
    cut = run.lc.root / "cut" / "exec.d"
    cut.mkdir(parents=True)
    shutil.copy(program, cut / program.name)
    (cut.parent / "report.toml").write_text(
        f'version = "{report.get("version", "")}"\nroots = [\n'
        + "".join(f"  {json.dumps(r)},\n" for r in roots)
        + "]\n"
    )
    os.chmod(run.lc.root / "cut", 0o755)
    out, warnings = startup_warnings(run, cut / program.name)
    run.check(
        "control: with the report cut to 900 roots the same check warns about that root",
        out.code == 0 and len(warnings) == 1 and "f0000.log" in warnings[0],
        out.describe(),
    )


def startup_warnings(run, program):
    """Runs the start-up check `program` as the run user in the app dir (descriptor 3 open, as the
    launcher gives it); returns (its Outcome, its `! Warning:` lines)."""
    fd3 = run.lc.root / "exec.d-output.toml"
    env = {"PATH": cnb.PATH_ENV}
    out = process.run_exec_d(run.layout.run, program, env, run.lc.workspace, fd3)
    return out, [ln for ln in out.stderr.splitlines() if ln.startswith("! Warning:")]


# Item 5: the size of what the build writes
CASES = [
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
]
