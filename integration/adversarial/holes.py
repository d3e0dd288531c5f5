"""Regression cases for the eight holes of #12, in the style of cases.py (the exact exit codes,
messages and modes of every entry inside and outside the app dir); item 1, the rename race, is
race.py. Most are `Case`s built around a real lifecycle build; `run` adds the ones that need a
root of their own (no /proc).

Cases that wait for work on another branch (they fail until it lands) have PENDING in their
description: the NUL escape in TOML (item 2) and RLIMIT_NPROC=0 with the TOML abort shapes
(item 8).
"""

import json
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import emulation
import gwit
from cases import EMULATED_OMISSIONS, ERROR, Case, Command, make_deep

HEADER = '[_]\nschema-version = "0.2"\n\n[utility.group-writable]\n'


# --- Item 2: `\u0000` in a TOML string (PENDING: the config branch) --------------------------

def nul_tree(t):
    t.file("db/app.sqlite3", "")
    t.file("config/master.key", "k\n", 0o600)
    t.file("public/keys/deploy.pub", "ssh-ed25519 x\n")
    t.file("public/index.html")
    t.file("tmp/.keep", "")


NUL_NAMES = [r"project\.toml", r"\bline {line}\b", r"\b{key}\b", r"(?i)\bNUL\b|\\u0000"]


def nul_messages(line, key):
    return [p.replace("{line}", str(line)).replace("{key}", key) for p in NUL_NAMES]


# --- Item 3: `create` under umask 000 ---------------------------------------------------------

def umask_tree(t):
    t.file("log/app.log", "")
    t.file("public/index.html")


def no_world_write(run, build):
    snap = gwit.snapshot(run.lc.workspace)
    found = [f"{gwit.escape(rel)} {e.mode:04o}" for rel, e in sorted(snap.items())
             if e.kind == "d" and e.mode & 0o002]
    run.check("no dir of the app is world-writable (created dirs never follow the umask)",
              not found, found)


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
        Command(["{gw}", "list", "-p", "bottom.log"], 0, stdout=DEEP_PATH + "\n",
                absent=[blind], limits=limits),
        Command(["{gw}", "audit"], 0, messages=[r"(?m)^- No findings$",
                                                r"Inspected 20,0\d\d entries"],
                absent=[blind], limits=limits),
        Command(["{gw}", "apply", "-p", "bottom.log", "--jobs", "1"], 0,
                absent=[blind], limits=limits),
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
        line = (f"**/d/{n}\n" if kind == "literal" else f"**/d*/{n}\n")
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
    run.check(f"the build's peak RSS is under {PEAK_RSS_BOUND_MIB} MiB",
              peak is not None and peak < PEAK_RSS_BOUND_MIB * 1024,
              [f"peak RSS: {peak} KiB"])
    run.check(f"the build takes under {TIME_BOUND_SECONDS} s",
              seconds is not None and seconds < TIME_BOUND_SECONDS, [f"wall: {seconds} s"])
    gwit.log(f"{run.case.name}: peak RSS {peak} KiB, {seconds} s")


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
    layer = run.lc.layers / gwit.LAYER_NAME
    sizes = {
        "report.toml": ((layer / "report.toml"), REPORT_BOUND),
        "launch.toml": ((run.lc.layers / "launch.toml"), LAUNCH_BOUND),
        "group-writable.toml": ((run.lc.layers / "group-writable.toml"), LAYER_TOML_BOUND),
    }
    for name, (path, bound) in sizes.items():
        size = path.stat().st_size if path.exists() else None
        run.check(f"{name} is under {bound // 1024} KiB", size is not None and size < bound,
                  [f"size: {size}"])
    log = len((build.stdout + build.stderr).encode())
    gwit.log(f"{run.case.name}: " + ", ".join(
        f"{name} {path.stat().st_size} bytes" for name, (path, _) in sizes.items()
        if path.exists()) + f", build log {log} bytes")
    run.check(f"the build log is under {LOG_BOUND // 1024} KiB", log < LOG_BOUND,
              [f"size: {log}"])
    report, error = run.lc.read_toml(layer / "report.toml")
    roots = (report or {}).get("roots", [])
    expected = [f"r/f{i:04d}.log" for i in range(1000)]
    run.r.equal(f"{run.label}: report.toml keeps the first 1,000 roots in path order", roots,
                expected)
    meta, _ = run.lc.read_toml(run.lc.layers / "group-writable.toml")
    meta_roots = ((meta or {}).get("metadata") or {}).get("roots", [])
    run.check("group-writable.toml keeps 200 roots", len(meta_roots) == 200,
              [f"{len(meta_roots)} roots"])
    lines = build.stdout.splitlines()
    listed = [l for l in lines if re.search(r"r/f\d{4}\.log", l) and "more" not in l]
    run.check("the log lists at most 20 roots", len(listed) <= 20, [f"{len(listed)} lines"])
    run.check("the log says how many roots are in report.toml (never `all` of them)",
              any(re.search(r"and 2,980 more \(the first 1,000 are in `report\.toml`\)", l)
                  for l in lines), build.describe(limit=80))
    claim = gwit.line_matching(build.stdout, re.compile(r"all in `report\.toml`"))
    run.check("no log line claims all roots are in report.toml", claim is None, [claim or ""])


LONG_ROOTS = 1100
LONG_PARTS = 17  # 17 x 250 bytes: roots of ~4,300 bytes, 1,000 of them above the 2 MiB of roots kept


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
    layer = run.lc.layers / gwit.LAYER_NAME
    size = (layer / "report.toml").stat().st_size
    limit = 16 << 20  # ReportFileLimits.reportSize: what the start-up check and doctor read
    run.check("report.toml stays under the 16 MiB the start-up check reads back", size <= limit,
              [f"size: {size}"])
    roots_bytes = 2 << 20  # ReportLimits.rootBytesInReport
    report, _ = run.lc.read_toml(layer / "report.toml")
    kept = (report or {}).get("roots", [])
    run.check("report.toml keeps the first roots that fit in 2 MiB and counts them all",
              0 < len(kept) < LONG_ROOTS and sum(len(r.encode()) for r in kept) <= roots_bytes
              and (report or {}).get("roots-total") == LONG_ROOTS, [f"kept {len(kept)}"])
    # What that means: `doctor` reads the roots back from the layer (and, in an image, the
    # start-up check does the same).
    binary = run.lc.buildpack.path / "bin" / "group-writable"
    out = gwit.run_as(run.layout.build, [binary, "doctor", "--report", layer / "report.toml"],
                      {"PATH": gwit.PATH_ENV}, run.lc.workspace)
    run.check("`doctor --report` reads the build's report.toml", out.code == 0
              and "Cannot read the report" not in out.stdout + out.stderr, out.describe())
    # And the start-up check, run in place (tar cannot export paths beyond PATH_MAX): with one
    # root made read-only for the group, it must warn about it.
    *parts, name = run.case.roots[0].split("/")
    fd = os.open(run.lc.workspace, os.O_RDONLY | os.O_DIRECTORY)
    for part in parts:  # one component at a time: the path is longer than PATH_MAX
        next_fd = os.open(part, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd = next_fd
    os.chmod(name, 0o644, dir_fd=fd)
    os.close(fd)
    program = layer / "exec.d" / "group-writable-check"
    fd3 = run.lc.root / "exec.d-output.toml"
    with open(fd3, "wb") as output:
        out = gwit.run_as(run.layout.run, [program], {"PATH": gwit.PATH_ENV},
                          run.lc.workspace, timeout=60, fd3=output.fileno())
    warnings = [l for l in out.stderr.splitlines() if l.startswith("! Warning:")]
    run.check("the start-up check warns about the one root made read-only", out.code == 0
              and len(warnings) == 1 and "f0000.log" in warnings[0], out.describe())
    # The control: the same report cut to its first 900 roots (under 4 MiB) makes the same check
    # warn, so the size alone decides.
    report, _ = run.lc.read_toml(layer / "report.toml")
    roots = (report or {}).get("roots", [])[:900]
    cut = run.lc.root / "cut" / "exec.d"
    cut.mkdir(parents=True)
    shutil.copy(program, cut / program.name)
    (cut.parent / "report.toml").write_text(
        f'version = "{report.get("version", "")}"\nroots = [\n'
        + "".join(f"  {json.dumps(r)},\n" for r in roots) + "]\n")
    os.chmod(run.lc.root / "cut", 0o755)
    with open(fd3, "wb") as output:
        out = gwit.run_as(run.layout.run, [cut / program.name], {"PATH": gwit.PATH_ENV},
                          run.lc.workspace, timeout=60, fd3=output.fileno())
    warnings = [l for l in out.stderr.splitlines() if l.startswith("! Warning:")]
    run.check("control: with the report cut to 900 roots the same check warns about that root",
              out.code == 0 and len(warnings) == 1 and "f0000.log" in warnings[0],
              out.describe())


# --- Item 6: the buildpack's own layer ----------------------------------------------------------

def plain_tree(t):
    t.file("tmp/.keep", "")
    t.file("public/index.html")


def own_layer(t):
    return t.lc.layers / gwit.LAYER_NAME


def symlinked_layer_dir(t):
    target = t.outside / "layer-target"
    target.mkdir()
    os.chown(target, *t.lc.layout.build)
    os.symlink(target, own_layer(t))
    os.lchown(own_layer(t), *t.lc.layout.build)


def symlinked_exec_d(t):
    own_layer(t).mkdir()
    os.symlink(t.outside / "sub", own_layer(t) / "exec.d")
    subprocess.run(["chown", "-R", "-h", "%d:%d" % t.lc.layout.build, str(own_layer(t))],
                   check=True)


LAYER_FILES = ("group-writable/report.toml", "launch.toml", "group-writable.toml")


def symlinked_layer_files(t):
    own_layer(t).mkdir()
    targets = [t.outside / "file.txt", t.outside / "sub" / "data", t.outside / "file.txt"]
    for rel, target in zip(LAYER_FILES, targets):
        os.symlink(target, t.lc.layers / rel)
    subprocess.run(["chown", "-R", "-h", "%d:%d" % t.lc.layout.build, str(t.lc.layers)],
                   check=True)


def fifo_layer_files(t):
    own_layer(t).mkdir()
    for rel in LAYER_FILES:
        os.mkfifo(t.lc.layers / rel, 0o644)
    subprocess.run(["chown", "-R", "-h", "%d:%d" % t.lc.layout.build, str(t.lc.layers)],
                   check=True)


def unwritable_layers(t):
    subprocess.run(["chown", "0:0", str(t.lc.layers)], check=True)
    os.chmod(t.lc.layers, 0o555)


def layer_files_replaced(run, build):
    for rel in LAYER_FILES:
        path = run.lc.layers / rel
        st = os.lstat(path)
        data, error = run.lc.read_toml(path) if stat.S_ISREG(st.st_mode) else (None, "not a file")
        run.check(f"{rel} is now a regular file of valid TOML (what was planted there was"
                  f" replaced, not followed)", stat.S_ISREG(st.st_mode) and data is not None,
                  [f"mode {st.st_mode:o}", error or ""])


def nothing_in(rel):
    def check(run, build):
        target = run.lc.root / rel
        entries = sorted(os.listdir(target)) if target.is_dir() else None
        run.check(f"nothing was written through the symlink into {rel}/",
                  entries is not None and entries == sorted(EXPECTED_OUTSIDE.get(rel, [])),
                  [f"entries: {entries}"])
    return check


EXPECTED_OUTSIDE = {"outside/layer-target": [], "outside/sub": ["data"]}


# --- Item 7: odd names through the report and the start-up check ------------------------------

ODD_ROOTS = [
    b"new\nline", b"tab\there", b"cr\rhere", b"ctl\x01x", b"esc\x1b[31mred", b"del\x7f",
    b"bidi\xe2\x80\xaeevil", b"c1\xc2\x85next", b"bad\\xFF", b"bad\xff", b"half\xc3",
    b"back\\slash", b"brace\\u{41}", b"caf\xc3\xa9", b" space ", b"-rf",
]


def odd_tree(t):
    base = t.dir("odd")
    for name in ODD_ROOTS:
        (base / os.fsdecode(name)).write_bytes(b"x\n")
    t.file("public/index.html")


def unescape(text):
    """The documented reversible form: backslash doubled, \\n \\t \\r, \\xNN, \\u{N}."""
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        e = text[i + 1]
        if e in "\\ntr":
            out += {"\\": b"\\", "n": b"\n", "t": b"\t", "r": b"\r"}[e]
            i += 2
        elif e == "x":
            out.append(int(text[i + 2:i + 4], 16))
            i += 4
        elif e == "u" and text[i + 2] == "{":
            close = text.index("}", i)
            out += chr(int(text[i + 3:close], 16)).encode("utf-8")
            i = close + 1
        else:
            raise ValueError(f"unknown escape \\{e} in {text!r}")
    return bytes(out)


def odd_names(run, build):
    lc = run.lc
    report, error = lc.read_toml(lc.layers / gwit.LAYER_NAME / "report.toml")
    roots = (report or {}).get("roots", [])
    try:
        decoded = sorted(unescape(r) for r in roots)
        problem = None
    except (ValueError, IndexError) as e:
        decoded, problem = [], str(e)
    expected = sorted(b"odd/" + n for n in ODD_ROOTS)
    run.check("every root in report.toml turns back into exactly its bytes (16 odd names,"
              " `bad\\xFF` as text and as a byte among them)", decoded == expected,
              [problem or "", f"decoded: {decoded!r}", f"expected: {expected!r}", error or ""])
    run.check("report.toml writes no two roots the same", len(set(roots)) == len(roots),
              [repr(roots)])
    lc.export()
    check = lc.image_layer / "exec.d" / "group-writable-check"
    silent = exec_d(lc, check, run.layout.run)
    run.check("the start-up check (run user, in the image) exits 0 and warns about nothing",
              silent.code == 0 and silent.stderr == "" and silent.stdout == "",
              silent.describe())
    # The control: the check does look at these roots. Take the group's write away from one odd
    # root and remove another: exactly those two are named.
    os.chmod(lc.image_workspace / os.fsdecode(b"odd/bidi\xe2\x80\xaeevil"), 0o644)
    os.unlink(lc.image_workspace / os.fsdecode(b"odd/bad\xff"))
    warned = exec_d(lc, check, run.layout.run)
    warnings = [l for l in warned.stderr.splitlines() if l.startswith("! Warning:")]
    run.check("control: with one odd root not writable and one gone, the check warns exactly"
              " twice, naming each in its escaped form",
              warned.code == 0 and len(warnings) == 2
              and any("bidi\\u{202E}evil" in w for w in warnings)
              and any("bad\\xFF" in w and "bad\\\\xFF" not in w for w in warnings),
              warned.describe())
    # `doctor` shows the same two in the same form, and the text `bad\xFF` (still there) in
    # another one: `odd/bad\\xFF` is writable, `odd/bad\xFF` is missing.
    binary = lc.buildpack.path / "bin" / "group-writable"
    doctor = gwit.run_as(run.layout.run, [binary, "doctor", "--report",
                                          lc.image_layer / "report.toml"],
                         {"PATH": gwit.PATH_ENV}, lc.image_workspace)
    lines = doctor.stdout.splitlines()
    run.check("`doctor` tells the text `bad\\xFF` (writable) from the byte 0xFF (missing)",
              "  - `odd/bad\\\\xFF` is writable" in lines
              and "! Warning: `odd/bad\\xFF` is missing" in lines, doctor.describe(limit=60))


def exec_d(lc, program, user):
    fd3 = lc.root / "exec.d-output.toml"
    env = {"PATH": gwit.PATH_ENV, "HOME": "/nonexistent", "CNB_APP_DIR": str(lc.image_workspace)}
    with open(fd3, "wb") as output:
        return gwit.run_as(user, [program], env, lc.image_workspace, timeout=60,
                           fd3=output.fileno())


# --- Item 8: TOML abort shapes with RLIMIT_NPROC=0 (PENDING: the config branch) ------------------

ABORT_HEADER = '[_]\nschema-version = "0.2"\n\n[, utility]\n[utility.group-writable]\npaths = ["/tmp/"]\n'
ABORT_ARRAY = '[_]\nschema-version = "0.2"\n\n[utility.group-writable]\npaths = [}\n'
TOML_ERROR = [r"project\.toml", r"\bline {line}\b"]


def toml_error(line):
    return [p.replace("{line}", str(line)) for p in TOML_ERROR]


CASES = [
    # Item 2
    Case("toml-nul-escape", "`\\u0000` in a `paths` string is an error"
         " naming project.toml, the line and the key; the pattern is never cut to `*`", nul_tree,
         [], [], project=HEADER + 'paths = ["*\\u0000.sqlite3"]\n', detect=ERROR, exit=ERROR,
         detect_messages=nul_messages(5, "paths"), messages=nul_messages(5, "paths"),
         probe=False),
    Case("toml-nul-multiline", "`\\u0000` in the middle of a multi-line"
         " `paths` is an error; nothing after it vanishes", nul_tree, [], [],
         project=HEADER + 'paths = [\n  "/tmp/",\n  "/db/*.sqlite3\\u0000",\n'
                          '  "!/public/keys/",\n  "/public/",\n]\n',
         detect=ERROR, exit=ERROR, detect_messages=nul_messages(7, "paths"),
         messages=nul_messages(7, "paths"), probe=False),
    Case("toml-nul-create", "`\\u0000` in `create` is an error; no dir"
         " is made from the cut value", nul_tree, [], [],
         project=HEADER + 'paths = ["/tmp/"]\ncreate = ["tmp/pids\\u0000/../../../outside"]\n',
         detect=ERROR, exit=ERROR, detect_messages=nul_messages(6, "create"),
         messages=nul_messages(6, "create"), probe=False),
    # Item 3
    Case("create-umask-000", "`create` under umask 000: tmp/ 0755 and tmp/pids 0775, never"
         " o+w, and the audit finds nothing", umask_tree, [], ["log/", "tmp/pids/"],
         project=HEADER + 'paths = ["/log/"]\ncreate = ["tmp/pids"]\n', umask=0o000,
         created=["tmp", "tmp/pids"], after_build=no_world_write,
         absent=[r"(?i)never adds"],
         commands=[Command(["{gw}", "audit"], 0, messages=[r"(?m)^- No findings$"])]),
    # Item 4
    Case("blind-audit-0311", "a 0311 bin/ holding a setuid helper: the build warns that bin/"
         " could not be read, `audit` and `list -p helper` exit 1 naming it", blind_tree,
         ["/tmp/"], ["tmp/"], after_chown=blind_after_chown,
         messages=[r"1 directory could not be read", r"The audit could not read 1 directory",
                   r"`bin/`"],
         absent=[r"(?i)No setuid", r"(?m)^- No findings"],
         warnings=[r"could not be read.*bin/|bin/.*could not be read"],
         unchanged=["bin", "bin/helper"],
         commands=[
             Command(["{gw}", "audit"], 1,
                     messages=[r"Could not read 1 directory: the result of `audit` is incomplete",
                               r"Nothing below these was seen: `bin/`\."],
                     absent=[r"(?i)No setuid", r"(?m)^- No findings"]),
             Command(["{gw}", "list", "-p", "helper"], 1, stdout="",
                     messages=[r"Could not read 1 directory: the result of `list` is incomplete",
                               r"Nothing below these was seen: `bin/`\."]),
             # check needs no listing: x on bin/ is enough to look bin/helper up
             Command(["{gw}", "check", "-p", "helper", "bin/helper"], 0,
                     stdout="--pattern:1:helper\tbin/helper\n"),
         ]),
    Case("blind-build-selectable", "a 0311 dir that a pattern could select in fails the build"
         " naming it", blind_tree, ["helper"], [], after_chown=blind_after_chown, exit=ERROR,
         exact_selection=False, messages=[r"`?bin/?`?", r"(?i)could not|cannot"],
         unchanged=["bin", "bin/helper"], probe=False),
    Case("deep-20000-nofile-20", f"a {DEEP_BLIND:,}-deep tree: the build under `ulimit -n 20`,"
         " `list`, `audit` and `apply` with it and with the default limits (the soft limit raised"
         " to the hard one, 20,000 here, still short of 20,000 levels and the files) reach the"
         " bottom; nothing is reported unread", deep_blind_tree,
         ["bottom.log"], [DEEP_PATH], limits=["--nofile=20:20"],
         absent=[r"(?i)could not (be )?read"],
         commands=deep_commands(["--nofile=20:20"]) + deep_commands([]), build_timeout=300,
         probe=False),
    # Item 5
    Case("deep-patterns-literal", f"a {PATTERN_DEPTH}-deep tree with {PATTERN_LIMIT:,}"
         f" `**/d/N` patterns (the cap): peak RSS < {PEAK_RSS_BOUND_MIB} MiB, time <"
         f" {TIME_BOUND_SECONDS} s", deep_patterns_tree("literal", PATTERN_LIMIT), [],
         DEEP_PATTERN_ROOTS, project=HEADER + 'paths-file = "patterns.txt"\n', measure=True,
         after_build=bounded_resources, build_timeout=300),
    Case("patterns-over-cap", f"a 1 MiB paths-file of `**/d/N` (~96,000 patterns, over the"
         f" {PATTERN_LIMIT:,} cap) is refused before any walk; nothing changes",
         deep_patterns_tree("literal"), [], [], project=HEADER + 'paths-file = "patterns.txt"\n',
         detect=ERROR, exit=ERROR, detect_messages=[r"Too many patterns", r"patterns\.txt"],
         messages=[r"Too many patterns", r"patterns\.txt"], probe=False),
    Case("deep-patterns-glob", f"a {PATTERN_DEPTH}-deep tree with 10,000 `**/d*/N` patterns:"
         f" peak RSS < {PEAK_RSS_BOUND_MIB} MiB, time < {TIME_BOUND_SECONDS} s",
         deep_patterns_tree("glob", 10000), [], DEEP_PATTERN_ROOTS,
         project=HEADER + 'paths-file = "patterns.txt"\n', measure=True,
         after_build=bounded_resources, build_timeout=300),
    Case("big-report", f"{BIG_ROOTS:,} roots and {BIG_PATTERNS + 1:,} patterns: report.toml,"
         " the layer's TOML files and the build log stay under documented sizes; the log never"
         " claims all roots are in report.toml", big_report_tree, [],
         ["r/" + f"f{i:04d}.log" for i in range(BIG_ROOTS)],
         project=HEADER + 'paths-file = "patterns.txt"\n', after_build=big_report),
    Case("long-roots-report", f"{LONG_ROOTS:,} roots of ~4,300 bytes: report.toml stays"
         " readable by the start-up check", long_roots_tree, ["*.log"],
         ["/".join(f"p{i:02d}" + "q" * 247 for i in range(LONG_PARTS)) + f"/f{j:04d}.log"
          for j in range(LONG_ROOTS)], after_build=long_roots, probe=False),
    # Item 6
    Case("layer-dir-symlink", "the launch layer dir planted as a symlink to a dir outside: the"
         " build refuses with a typed message and writes nothing there", plain_tree, ["/tmp/"],
         ["tmp/"], after_chown=symlinked_layer_dir, exit=ERROR, exact_selection=False,
         messages=[r"Cannot write the launch layer", r"never followed through a symbolic link"],
         absent=[r"CocoaError", r"Error Domain"], after_build=nothing_in("outside/layer-target"),
         probe=False),
    Case("layer-exec-d-symlink", "exec.d planted as a symlink to a dir outside: refused, nothing"
         " written there", plain_tree, ["/tmp/"], ["tmp/"], after_chown=symlinked_exec_d,
         exit=ERROR, exact_selection=False,
         messages=[r"never followed through a symbolic link", r"exec\.d"],
         absent=[r"CocoaError"], after_build=nothing_in("outside/sub"), probe=False),
    Case("layer-file-symlinks", "report.toml, launch.toml and group-writable.toml planted as"
         " symlinks to files outside: replaced, the targets unchanged", plain_tree, ["/tmp/"],
         ["tmp/"], after_chown=symlinked_layer_files, after_build=layer_files_replaced),
    Case("layer-file-fifos", "FIFOs at report.toml, launch.toml and group-writable.toml: the build"
         " does not block and replaces them", plain_tree, ["/tmp/"], ["tmp/"],
         after_chown=fifo_layer_files, after_build=layer_files_replaced, build_timeout=60),
    Case("layers-unwritable", "a layers dir the build user cannot write: a typed error naming it,"
         " no raw CocoaError", plain_tree, ["/tmp/"], ["tmp/"], after_chown=unwritable_layers,
         exit=ERROR, exact_selection=False,
         messages=[r"(?i)cannot", re.escape(gwit.LAYERS_NAME)],
         absent=[r"CocoaError", r"Error Domain", r"NSCocoaErrorDomain"], probe=False),
    # Item 7
    Case("odd-name-roots", "16 roots with control characters, invalid UTF-8, bidi and C1"
         " characters, backslashes and the text `bad\\xFF` beside the byte: report.toml gives"
         " back each exact name, the start-up check warns about none", odd_tree, ["/odd/*"],
         ["odd/" + os.fsdecode(n) for n in ODD_ROOTS], after_build=odd_names, probe=False),
    # Item 8
    Case("toml-abort-header", "the toml++ abort shape `[, utility]` (the guard can fork): an"
         " error naming project.toml and line 4", plain_tree, [], [], project=ABORT_HEADER,
         detect=ERROR, exit=ERROR, detect_messages=toml_error(4), messages=toml_error(4),
         probe=False),
    Case("toml-abort-header-nproc-0", "`[, utility]` with"
         " RLIMIT_NPROC=0 (no fork for the guard): a clear error, no abort", plain_tree, [], [],
         project=ABORT_HEADER, limits=["--nproc=0:0"], detect=ERROR, exit=ERROR,
         detect_messages=[r"project\.toml"], messages=[r"project\.toml"], probe=False),
    Case("toml-abort-array-nproc-0", "`paths = [}` with RLIMIT_NPROC=0:"
         " a clear error, no abort", plain_tree, [], [], project=ABORT_ARRAY,
         limits=["--nproc=0:0"], detect=ERROR, exit=ERROR, detect_messages=[r"project\.toml"],
         messages=[r"project\.toml"], probe=False),
]


# --- Item 8: without /proc --------------------------------------------------------------------

def static_binary(buildpack):
    """The static executable to run in a root without /proc: the buildpack's own when it is static
    (CI: dist/buildpack), else $GW_STATIC_BINARY or the release build's."""
    repo = Path(__file__).resolve().parents[2]
    candidates = [buildpack.path / "bin" / "group-writable", os.environ.get("GW_STATIC_BINARY"),
                  repo / ".build-release" / "release" / "group-writable"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and is_static(Path(candidate)):
            return Path(candidate)
    return None


def is_static(path):
    out = subprocess.run(["readelf", "-l", str(path)], capture_output=True, text=True,
                         check=False)
    return out.returncode == 0 and "INTERP" not in out.stdout


class NoProcRun:
    """The static binary in an empty root with no /proc at all (unshare --root, no proc mount)."""

    def __init__(self, reporter, layout, buildpack, work):
        self.r = reporter
        self.layout = layout
        self.buildpack = buildpack
        self.label = f"adversarial/{layout.name}/no-proc"
        self.root = work / "no-proc"
        self.emulator = None  # under GW_EMULATOR: the emulator's path in the root

    def check(self, what, passed, details=()):
        return self.r.check(f"{self.label}: {what}", passed, details)

    def run(self):
        binary = static_binary(self.buildpack)
        if binary is None:
            if os.environ.get("CI") == "true":
                self.check("a static group-writable executable is available", False,
                           ["CI packages a static one; locally build it with swift build -c"
                            " release -Xswiftc -static-executable --scratch-path .build-release"])
            else:
                gwit.log(f"{self.label}: skipped: no static executable (see holes.static_binary)")
            return
        root = self.root
        gwit.remove_tree(root)
        bp = root / "cnb" / "buildpacks" / "group-writable"
        (bp / "bin").mkdir(parents=True)
        shutil.copy(binary, bp / "bin" / "group-writable")
        shutil.copy(self.buildpack.path / "buildpack.toml", bp / "buildpack.toml")
        os.symlink("group-writable", bp / "bin" / "detect")
        os.symlink("group-writable", bp / "bin" / "build")
        app = root / "workspace"
        for rel in ("storage/logs/app.log", "log/app.log", "public/index.html"):
            (app / rel).parent.mkdir(parents=True, exist_ok=True)
            (app / rel).write_text("x\n")
        (app / "project.toml").write_text(HEADER + 'paths = ["/storage/"]\n')
        (root / "platform" / "env").mkdir(parents=True)
        layers = root / "layers" / gwit.LAYERS_NAME
        layers.mkdir(parents=True)
        (root / "plans").mkdir()
        (root / "plans" / "buildpack-plan.toml").write_text("")
        gwit.normalise_modes(root)
        self.emulator = emulation.copy_into(root)  # static too; qemu-user needs no /proc
        uid, gid = self.layout.build
        for path in (app, root / "layers", root / "plans"):
            subprocess.run(["chown", "-R", f"{uid}:{gid}", str(path)], check=True)
        self.check("the root has no /proc", not (root / "proc").exists(), [])
        version = self.buildpack.version
        env = ["CNB_PLATFORM_DIR=/platform", "CNB_BUILDPACK_DIR=/cnb/buildpacks/group-writable",
               "CNB_BUILD_PLAN_PATH=/plans/build-plan.toml",
               "CNB_BP_PLAN_PATH=/plans/buildpack-plan.toml",
               f"CNB_LAYERS_DIR=/layers/{gwit.LAYERS_NAME}", "CNB_TARGET_OS=linux",
               f"CNB_TARGET_ARCH={self.buildpack.arch}"]
        gw = "/cnb/buildpacks/group-writable/bin/"
        out = self.chroot(["--version"], gw + "group-writable", env)
        self.expect("`group-writable --version`", out, 0)
        self.r.equal(f"{self.label}: `--version` prints the version", out.stdout.strip(), version)
        out = self.chroot(["list", "-p", "*.log"], gw + "group-writable", env)
        self.expect("`group-writable list -p '*.log'`", out, 0)
        self.r.equal(f"{self.label}: `list` prints the two logs", sorted(out.stdout.splitlines()),
                     ["log/app.log", "storage/logs/app.log"])
        out = self.chroot([], gw + "detect", env)
        self.expect("bin/detect", out, 0)
        if self.emulator is not None:
            gwit.log(f"{self.label}: bin/build and the exec.d check left out under the emulator: "
                     + EMULATED_OMISSIONS["no-proc: bin/build and the exec.d check"])
            gwit.remove_tree(root)
            return
        out = self.chroot([], gw + "build", env)
        self.expect("bin/build", out, 0)
        modes = {rel: stat.S_IMODE(os.lstat(app / rel).st_mode)
                 for rel in ("storage", "storage/logs", "storage/logs/app.log", "log/app.log")}
        self.r.equal(f"{self.label}: the build changed exactly the selection",
                     modes, {"storage": 0o775, "storage/logs": 0o775,
                             "storage/logs/app.log": 0o664, "log/app.log": 0o644})
        check = layers / gwit.LAYER_NAME / "exec.d" / "group-writable-check"
        same = check.is_file() and check.read_bytes() == binary.read_bytes()
        self.check("the exec.d check is a copy of the executable (found from argv[0], not"
                   " /proc/self/exe)", same, [str(check)])
        shutil.rmtree(root / "cnb")
        out = self.chroot([], f"/layers/{gwit.LAYERS_NAME}/{gwit.LAYER_NAME}/exec.d/"
                          "group-writable-check", [], user=self.layout.run, fd3=True)
        self.expect("the exec.d check as the run user", out, 0)
        self.check("the exec.d check says nothing (every root is writable)", out.stderr == "",
                   out.describe())
        gwit.remove_tree(root)

    def expect(self, what, out, code):
        self.check(f"{what} exits {code} without /proc", out.code == code, out.describe())
        text = out.stdout + out.stderr
        self.check(f"{what}: no runtime abort", out.code != 134 and not gwit.has_backtrace(text)
                   and "Unable to obtain Swift runtime path" not in text, out.describe())

    def chroot(self, args, program, env, user=None, fd3=False):
        uid, gid = user or self.layout.build
        argv = ["env", "-i", *env, "unshare", f"--root={self.root}", "--wd=/workspace",
                f"--setgid={gid}", f"--setuid={uid}", "--",
                *emulation.command([program, *args], view=("/", str(self.root)),
                                   emulator_path=self.emulator)]
        extra = {}
        if fd3:
            output = open(self.root / "fd3", "wb")
            extra = {"close_fds": False, "preexec_fn": lambda: os.dup2(output.fileno(), 3)}
        try:
            done = subprocess.run(argv, capture_output=True, timeout=120, check=False, **extra)
        finally:
            if fd3:
                output.close()
        return gwit.Outcome(done.returncode, gwit.decode(done.stdout), gwit.decode(done.stderr),
                            False)


def run(reporter, layout, buildpack, work, python, only):
    runner = NoProcRun(reporter, layout, buildpack, work)
    if only.search("no-proc"):
        gwit.run_guarded(reporter, runner)
