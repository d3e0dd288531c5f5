"""Runs the product's executables for a foreign processor under a user-mode emulator (GW_EMULATOR).

With `GW_EMULATOR=qemu-aarch64-static` (a name found in PATH, or a path), every execution of a
product executable, a file whose real name (symlinks resolved) is `group-writable` or
`group-writable-check` (the buildpack's bin/detect, bin/build and bin/group-writable, the exec.d
program the build writes, the launch layer's bin/group-writable that links to it, copies of them),
runs as

    EMULATOR -0 ARGV0 REAL-PATH ARGS...

ARGV0 being the path the lifecycle or the launcher would have executed (e.g. `.../bin/build`: the
executable dispatches on its basename) and REAL-PATH the file itself. The machine has no binfmt_misc
registration, so a foreign executable is never executed directly (the product never executes
itself, it only forks). `command` is the one place that builds that command line: process.run_as and
the suites' own command lines go through it. Without GW_EMULATOR it returns the argv unchanged.
Imports nothing of the harness (no cycles).
"""

import os
import shutil

PRODUCT_NAMES = ("group-writable", "group-writable-check")
# ELF e_machine values and the CNB names of the architectures.
EM_X86_64, EM_AARCH64 = 62, 183
ARCHITECTURES = {EM_X86_64: "amd64", EM_AARCH64: "arm64"}
MACHINE_NAMES = {EM_X86_64: "x86_64", EM_AARCH64: "aarch64"}

# qemu-user's own tasks, its main thread and its RCU thread: under it a product that may start N
# processes needs RLIMIT_NPROC N + 2 (RLIMIT_NPROC=0 would stop the emulator itself).
EMULATOR_TASKS = 2

_resolved = {}


def emulator():
    """The absolute path of GW_EMULATOR (found in PATH when it is a bare name), or None when unset.
    Raises ValueError when it is set but cannot be found."""
    name = os.environ.get("GW_EMULATOR", "").strip()
    if not name:
        return None
    if name not in _resolved:
        found = shutil.which(name) if "/" not in name else name
        if not found or not os.path.isfile(found):
            raise ValueError(f"GW_EMULATOR={name}: no such executable")
        _resolved[name] = os.path.realpath(found)
    return _resolved[name]


def active():
    return emulator() is not None


def elf_machine(path):
    """The ELF header's e_machine of `path` (62 x86_64, 183 aarch64), or None for no ELF file."""
    try:
        with open(path, "rb") as f:
            header = f.read(20)
    except OSError:
        return None
    if len(header) < 20 or header[:4] != b"\x7fELF":
        return None
    order = "little" if header[5] == 1 else "big"
    return int.from_bytes(header[18:20], order)


def machine_name(machine):
    return MACHINE_NAMES.get(machine, f"e_machine {machine}")


def is_product(path):
    """Whether `path` is a product executable: its real name is group-writable(-check)."""
    real = os.path.realpath(str(path))
    return os.path.basename(real) in PRODUCT_NAMES and os.path.isfile(real)


def command(argv, view=None, emulator_path=None):
    """The command line that runs `argv` (strings or paths): under GW_EMULATOR, a product executable
    in argv[0] runs as `EMULATOR -0 ARGV0 REAL-PATH ARGS...`; anything else is unchanged.

    `view` = (INSIDE, HOST) when the command runs where the host dir HOST is seen as INSIDE (a bind
    mount, or `unshare --root=HOST` with INSIDE `/`): argv[0] is a path under INSIDE, looked at
    under HOST, and REAL-PATH is given as the command sees it. `emulator_path` is where the command
    sees the emulator (copy_into)."""
    argv = [str(a) for a in argv]
    qemu = emulator()
    if qemu is None or not argv:
        return argv
    inside, host = view or ("/", "/")
    program = argv[0]
    if view is not None:
        if not program.startswith(inside.rstrip("/") + "/"):
            return argv
        program = os.path.join(host, os.path.relpath(program, inside))
    if not is_product(program):
        return argv
    real = os.path.realpath(program)
    if view is not None:
        real = os.path.join(inside, os.path.relpath(real, os.path.realpath(host)))
    return [emulator_path or qemu, "-0", argv[0], real, *argv[1:]]


def limits(options, argv):
    """The prlimit `options` for running `argv` (as `command` runs it): under the emulator, a
    product's `--nproc=SOFT:HARD` leaves room for the emulator's own tasks."""
    if command(argv) == [str(a) for a in argv]:
        return list(options)
    adjusted = []
    for option in options:
        if option.startswith("--nproc="):
            option = "--nproc=" + ":".join(
                str(int(n) + EMULATOR_TASKS) for n in option[len("--nproc=") :].split(":")
            )
        adjusted.append(option)
    return adjusted


def copy_into(root, directory="/.emulator"):
    """Copies the emulator (a static executable) into `root` (a root for `unshare --root`); returns
    the path it has there, or None without GW_EMULATOR."""
    qemu = emulator()
    if qemu is None:
        return None
    target = os.path.join(str(root), directory.lstrip("/"))
    os.makedirs(target, mode=0o755, exist_ok=True)
    os.chmod(target, 0o755)
    inside = os.path.join(directory, os.path.basename(qemu))
    shutil.copy(qemu, os.path.join(target, os.path.basename(qemu)))
    os.chmod(os.path.join(target, os.path.basename(qemu)), 0o755)
    return inside
