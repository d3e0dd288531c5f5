"""#12 items 2, 3 and 8: the configuration's holes (NUL in TOML strings, `create` under umask
000, the TOML abort shapes): trees, expected messages and checks; the table is holes.py."""

import reporting
import tree
from case_types import ERROR, HEADER, Case, Command, plain_tree

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
    snap = tree.snapshot(run.lc.workspace)
    found = [
        f"{reporting.escape(rel)} {e.mode:04o}"
        for rel, e in sorted(snap.items())
        if e.kind == "d" and e.mode & 0o002
    ]
    run.check(
        "no dir of the app is world-writable (created dirs never follow the umask)",
        not found,
        found,
    )


# --- Item 8: TOML abort shapes with RLIMIT_NPROC=0 (PENDING: the config branch) ------------------

ABORT_HEADER = (
    '[_]\nschema-version = "0.2"\n\n[, utility]\n[utility.group-writable]\npaths = ["/tmp/"]\n'
)
ABORT_ARRAY = '[_]\nschema-version = "0.2"\n\n[utility.group-writable]\npaths = [}\n'
TOML_ERROR = [r"project\.toml", r"\bline {line}\b"]


def toml_error(line):
    return [p.replace("{line}", str(line)) for p in TOML_ERROR]


# Item 2: `\u0000` in a TOML string
NUL_CASES = [
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
]


# Item 3: `create` under umask 000
UMASK_CASES = [
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
]


# Item 8: TOML abort shapes, also with RLIMIT_NPROC=0
ABORT_CASES = [
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
