"""The app and the helper scripts of the trace suite (see trace_suite.py).

APP is a small app that writes the way a Rails/Django app starts: a pid file in `tmp/pids` (made
if missing), a line appended to `log/production.log`, a row inserted in the WAL-mode SQLite
database `db/app.sqlite3`, an atomic save of `public/uploads/data.json` (a temp file in the same
dir, then `os.replace`), and a forked child that writes `tmp/cache/entry`. Each step catches its
own error, so one trace sees every denial; the app prints `APP: STEP ok` or `APP: STEP failed: ...`
per step and exits 0 only when all worked.
"""

import sqlite3
from pathlib import Path

STEPS = ("pid", "log", "db", "upload", "child")
LOG_LINE = "started"
UPLOAD = {"uploaded": True, "by": "trace suite"}
ROW = "from the traced app"
SHIPPED_ROW = "shipped"

APP = f"""\
import json, os, sqlite3, sys

def pid():
    os.makedirs("tmp/pids", exist_ok=True)
    with open("tmp/pids/app.pid", "w") as f:
        f.write(str(os.getpid()))

def log():
    with open("log/production.log", "a") as f:
        f.write({LOG_LINE!r} + "\\n")

def db():
    con = sqlite3.connect("db/app.sqlite3")
    try:
        con.execute("INSERT INTO events (name) VALUES (?)", ({ROW!r},))
        con.commit()
    finally:
        con.close()

def upload():
    temporary = "public/uploads/.data.json.%d.tmp" % os.getpid()
    with open(temporary, "w") as f:
        json.dump({UPLOAD!r}, f)
    os.replace(temporary, "public/uploads/data.json")

def child():
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.makedirs("tmp/cache", exist_ok=True)
            with open("tmp/cache/entry", "w") as f:
                f.write("cached\\n")
        except OSError as e:
            print("APP: child: %s: %s" % (e.strerror, e.filename), flush=True)
            code = 1
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("the child could not write tmp/cache/entry")

failed = []
for step in (pid, log, db, upload, child):
    try:
        step()
        print("APP: %s ok" % step.__name__, flush=True)
    except Exception as e:
        failed.append(step.__name__)
        print("APP: %s failed: %s: %s" % (step.__name__, type(e).__name__, e), flush=True)
print("APP: pid %d, failed: %s" % (os.getpid(), ",".join(failed) or "none"), flush=True)
sys.exit(1 if failed else 0)
"""

# Runs argv[2:] under a seccomp filter that makes system call number argv[1] fail with EPERM, as
# a container's seccomp profile refuses a call (x86_64 numbering; other architectures pass).
DENY_SYSCALL = """\
import ctypes, os, struct, sys

number, argv = int(sys.argv[1]), sys.argv[2:]
AUDIT_ARCH_X86_64, ALLOW, ERRNO_EPERM = 0xC000003E, 0x7FFF0000, 0x00050000 | 1
LD_W_ABS, JEQ_K, RET_K = 0x20, 0x15, 0x06
program = [
    (LD_W_ABS, 0, 0, 4),                  # seccomp_data.arch
    (JEQ_K, 1, 0, AUDIT_ARCH_X86_64),
    (RET_K, 0, 0, ALLOW),
    (LD_W_ABS, 0, 0, 0),                  # seccomp_data.nr
    (JEQ_K, 0, 1, number),
    (RET_K, 0, 0, ERRNO_EPERM),
    (RET_K, 0, 0, ALLOW),
]
filters = ctypes.create_string_buffer(b"".join(struct.pack("HBBI", *f) for f in program))

class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

fprog = SockFprog(len(program), ctypes.cast(filters, ctypes.c_void_p))
libc = ctypes.CDLL(None, use_errno=True)
libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
    sys.exit("deny-syscall: PR_SET_NO_NEW_PRIVS: " + os.strerror(ctypes.get_errno()))
if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(fprog), 0, 0) != 0:
    sys.exit("deny-syscall: PR_SET_SECCOMP: " + os.strerror(ctypes.get_errno()))
os.execv(argv[0], argv)
"""
PTRACE_NR, SECCOMP_NR = 101, 317


def make_app(workspace):
    """Writes the app's source tree: app.py, `tmp/.keep` (no `tmp/pids`, no `tmp/cache`), an
    existing `log/production.log`, `public/uploads/.keep` and the WAL-mode database with one
    row."""
    files = {
        "app.py": APP,
        "tmp/.keep": "",
        "log/production.log": "booted\n",
        "public/uploads/.keep": "",
        "config/app.yml": "name: traced\n",
    }
    for rel, text in files.items():
        path = Path(workspace) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    database = Path(workspace) / "db" / "app.sqlite3"
    database.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(database)
    try:
        mode = con.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        con.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        con.execute("INSERT INTO events (name) VALUES (?)", (SHIPPED_ROW,))
        con.commit()
    finally:
        con.close()
    if mode != "wal":
        raise RuntimeError(f"journal_mode=WAL gave {mode!r}")
    for suffix in ("-wal", "-shm"):  # closed cleanly: checkpointed and removed; never ship them
        Path(f"{database}{suffix}").unlink(missing_ok=True)


def read_rows(database, scratch):
    """(journal mode, the `name`s of the rows) of a copy of `database` (its `-wal` too), read as
    root without touching the image; or (None, error text)."""
    scratch = Path(scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    copy = scratch / "copy.sqlite3"
    for suffix in ("", "-wal"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
        source = Path(f"{database}{suffix}")
        if source.exists():
            Path(f"{copy}{suffix}").write_bytes(source.read_bytes())
    try:
        con = sqlite3.connect(copy)
        try:
            mode = con.execute("PRAGMA journal_mode").fetchone()[0]
            return mode, [name for (name,) in con.execute("SELECT name FROM events ORDER BY id")]
        finally:
            con.close()
    except sqlite3.Error as e:
        return None, f"{type(e).__name__}: {e}"
