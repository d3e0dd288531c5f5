"""#12 items 2, 3 and 8: the configuration's holes (NUL in TOML strings, `create` under umask
000, the TOML abort shapes): trees, expected messages and checks; the table is holes.py."""

import reporting
import tree

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
