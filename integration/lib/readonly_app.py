"""The read-only suite's app: its configurations (one that only selects, one with `ephemeral`
places), the Puma-like start it runs, and the log entries whose names and link targets are not
UTF-8, which the seed must keep byte for byte."""

SELECTING_TOML = """\
[utility.group-writable]
paths = ["/tmp/", "/log/"]
create = ["tmp/pids"]
"""
EPHEMERAL_TOML = SELECTING_TOML + 'ephemeral = ["tmp", "log"]\n'
BUILD_LOG_LINE = "built\n"
PUMA = """\
import os, sys
try:
    with open("tmp/pids/server.pid", "w") as f:
        f.write(str(os.getpid()))
    with open("log/production.log", "a") as f:
        f.write("started\\n")
    with open("log/production.log") as f:
        print("LOG:" + f.read().replace("\\n", "|"))
    print("PUMA: started")
except OSError as e:
    print(f"PUMA: failed: {e.strerror}: {e.filename}")
"""
EXEC_D = "group-writable-check"
SEED_NAME = b"caf\xe9"
SEED_TARGET = b"target\xff"
SEED_PROBE = (
    "import os; p = b'/tmp/group-writable/log'; print('SEED:' + repr(sorted(os.listdir(p)))"
    " + repr(os.readlink(p + b'/link')))"
)
