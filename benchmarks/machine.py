"""The machine, the repository and the tools a run needs: the report's header lines, the binary,
GNU time."""

import os
import platform
import shutil
import subprocess

from .common import REPO, Failure, log

LOAD_AT_START = os.getloadavg()[0]


def machine_line():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "nproc %d, %s, kernel %s (%s), load average at start %.1f" % (
        os.cpu_count() or 0,
        model,
        platform.release(),
        platform.machine(),
        LOAD_AT_START,
    )


def head_commit():
    proc = subprocess.run(
        ["git", "-C", REPO, "log", "-1", "--format=%h %s"], capture_output=True, text=True
    )
    return "`%s`" % proc.stdout.strip()[:72] if proc.returncode == 0 else "an unknown commit"


def is_static(binary):
    with open(binary, "rb") as handle:
        head = handle.read(1 << 16)
    return b"ld-linux" not in head and b"ld-musl" not in head


def resolve_binary(args):
    if args.binary:
        path = args.binary
    elif os.environ.get("GW_BINARY"):
        path = os.environ["GW_BINARY"]
    else:
        build = [
            "swift",
            "build",
            "-c",
            "release",
            "--scratch-path",
            ".build-bench",
            "--product",
            "group-writable",
        ]
        if not args.dynamic:
            build += ["-Xswiftc", "-static-executable"]
        log("bench: building: " + " ".join(build))
        proc = subprocess.run(build, cwd=REPO)
        if proc.returncode != 0:
            raise Failure("the release build failed")
        bin_path = subprocess.run(
            build + ["--show-bin-path"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
        path = os.path.join(bin_path, "group-writable")
    path = os.path.abspath(path)
    if not os.access(path, os.X_OK):
        raise Failure("not an executable: " + path)
    return path


def ensure_gnu_time():
    """Path of GNU time, installing the `time` package with apt-get when missing (as root)."""
    if os.access("/usr/bin/time", os.X_OK):
        return "/usr/bin/time"
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("bench: installing GNU time (apt-get install -y time)")
        quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if subprocess.run(["apt-get", "install", "-y", "time"], **quiet).returncode != 0:
            subprocess.run(["apt-get", "update"], **quiet)
            subprocess.run(["apt-get", "install", "-y", "time"], **quiet)
    if os.access("/usr/bin/time", os.X_OK):
        return "/usr/bin/time"
    raise Failure("GNU time (/usr/bin/time) is missing and could not be installed")
