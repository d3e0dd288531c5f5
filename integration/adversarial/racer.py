"""Keeps exchanging two names with renameat2(RENAME_EXCHANGE) until SIGTERM (or 120 s).

Usage: racer.py PATH_A PATH_B

Runs as whatever user the caller switched to (a build user, or another uid in a world-writable
dir). Prints `ready` once the first exchange was tried, and on SIGTERM one line
`EXCHANGES ATTEMPTS`, then exits 0. It never puts the names back: the caller finds each file by
its inode afterwards. `os.rename` is not an exchange (it replaces the target), so the system call
is made through ctypes: renameat2 is number 316 on x86_64 and 276 on aarch64.
"""

import ctypes
import os
import platform
import signal
import sys
import time

SYS_RENAMEAT2 = {"x86_64": 316, "aarch64": 276}[platform.machine()]
AT_FDCWD = -100
RENAME_EXCHANGE = 2

stopping = False


def stop(_signum, _frame):
    global stopping
    stopping = True


def main():
    signal.signal(signal.SIGTERM, stop)
    libc = ctypes.CDLL(None, use_errno=True)
    syscall = libc.syscall
    syscall.restype = ctypes.c_long
    a, b = (ctypes.c_char_p(os.fsencode(p)) for p in sys.argv[1:3])
    exchanges = attempts = 0
    deadline = time.monotonic() + 120
    if syscall(SYS_RENAMEAT2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0:
        exchanges += 1
    attempts += 1
    print("ready", flush=True)
    while not stopping:
        for _ in range(256):
            if syscall(SYS_RENAMEAT2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0:
                exchanges += 1
        attempts += 256
        if time.monotonic() > deadline:
            break
    print(exchanges, attempts, flush=True)


if __name__ == "__main__":
    main()
