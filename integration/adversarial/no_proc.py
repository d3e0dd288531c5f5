"""#12 item 8 without /proc: the static executable in an empty root with no /proc at all
(`unshare --root`, no proc mount)."""

import os
import shutil
import stat
import subprocess
from pathlib import Path

import cnb
import emulation
import process
import reporting
import tree
from case_types import EMULATED_OMISSIONS, HEADER

# --- Item 8: without /proc --------------------------------------------------------------------


def static_binary(buildpack):
    """The static executable to run in a root without /proc: the buildpack's own when it is static
    (CI: dist/buildpack), else $GW_STATIC_BINARY or the release build's."""
    repo = Path(__file__).resolve().parents[2]
    candidates = [
        buildpack.path / "bin" / "group-writable",
        os.environ.get("GW_STATIC_BINARY"),
        repo / ".build-release" / "release" / "group-writable",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and is_static(Path(candidate)):
            return Path(candidate)
    return None


def is_static(path):
    out = subprocess.run(["readelf", "-l", str(path)], capture_output=True, text=True, check=False)
    return out.returncode == 0 and "INTERP" not in out.stdout


# The buildpack's bin/ inside the root.
GW = "/cnb/buildpacks/group-writable/bin/"


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
                self.check(
                    "a static group-writable executable is available",
                    False,
                    [
                        "CI packages a static one; locally build it with swift build -c"
                        " release -Xswiftc -static-executable --scratch-path .build-release"
                    ],
                )
            else:
                reporting.log(
                    f"{self.label}: skipped: no static executable (see no_proc.static_binary)"
                )
            return
        app, layers = self.lay_out(binary)
        self.check("the root has no /proc", not (self.root / "proc").exists(), [])
        env = self.environment()
        self.check_cli(env)
        if self.emulator is not None:
            reporting.log(
                f"{self.label}: bin/build and the exec.d check left out under the emulator: "
                + EMULATED_OMISSIONS["no-proc: bin/build and the exec.d check"]
            )
            tree.remove_tree(self.root)
            return
        self.check_build(binary, app, layers, env)
        tree.remove_tree(self.root)

    def lay_out(self, binary):
        """The root: the buildpack (the static executable), an app, the platform, layers and plan
        dirs, and the emulator under GW_EMULATOR; returns (the app dir, the layers dir)."""
        root = self.root
        tree.remove_tree(root)
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
        layers = root / "layers" / cnb.LAYERS_NAME
        layers.mkdir(parents=True)
        (root / "plans").mkdir()
        (root / "plans" / "buildpack-plan.toml").write_text("")
        tree.normalise_modes(root)
        self.emulator = emulation.copy_into(root)  # static too; qemu-user needs no /proc
        uid, gid = self.layout.build
        for path in (app, root / "layers", root / "plans"):
            subprocess.run(["chown", "-R", f"{uid}:{gid}", str(path)], check=True)
        return app, layers

    def environment(self):
        """The CNB variables of the buildpack's executables inside the root."""
        return [
            "CNB_PLATFORM_DIR=/platform",
            "CNB_BUILDPACK_DIR=/cnb/buildpacks/group-writable",
            "CNB_BUILD_PLAN_PATH=/plans/build-plan.toml",
            "CNB_BP_PLAN_PATH=/plans/buildpack-plan.toml",
            f"CNB_LAYERS_DIR=/layers/{cnb.LAYERS_NAME}",
            "CNB_TARGET_OS=linux",
            f"CNB_TARGET_ARCH={self.buildpack.arch}",
        ]

    def check_cli(self, env):
        """`--version`, `list` and bin/detect without /proc."""
        out = self.chroot(["--version"], GW + "group-writable", env)
        self.expect("`group-writable --version`", out, 0)
        self.r.equal(
            f"{self.label}: `--version` prints the version",
            out.stdout.strip(),
            self.buildpack.version,
        )
        out = self.chroot(["list", "-p", "*.log"], GW + "group-writable", env)
        self.expect("`group-writable list -p '*.log'`", out, 0)
        self.r.equal(
            f"{self.label}: `list` prints the two logs",
            sorted(out.stdout.splitlines()),
            ["log/app.log", "storage/logs/app.log"],
        )
        out = self.chroot([], GW + "detect", env)
        self.expect("bin/detect", out, 0)

    def check_build(self, binary, app, layers, env):
        """bin/build without /proc changes exactly the selection and copies itself as the exec.d
        check, which then runs silently as the run user."""
        out = self.chroot([], GW + "build", env)
        self.expect("bin/build", out, 0)
        modes = {
            rel: stat.S_IMODE(os.lstat(app / rel).st_mode)
            for rel in ("storage", "storage/logs", "storage/logs/app.log", "log/app.log")
        }
        self.r.equal(
            f"{self.label}: the build changed exactly the selection",
            modes,
            {
                "storage": 0o775,
                "storage/logs": 0o775,
                "storage/logs/app.log": 0o664,
                "log/app.log": 0o644,
            },
        )
        check = layers / cnb.LAYER_NAME / "exec.d" / "group-writable-check"
        same = check.is_file() and check.read_bytes() == binary.read_bytes()
        self.check(
            "the exec.d check is a copy of the executable (found from argv[0], not /proc/self/exe)",
            same,
            [str(check)],
        )
        shutil.rmtree(self.root / "cnb")
        out = self.chroot(
            [],
            f"/layers/{cnb.LAYERS_NAME}/{cnb.LAYER_NAME}/exec.d/group-writable-check",
            [],
            user=self.layout.run,
            fd3=True,
        )
        self.expect("the exec.d check as the run user", out, 0)
        self.check(
            "the exec.d check says nothing (every root is writable)",
            out.stderr == "",
            out.describe(),
        )

    def expect(self, what, out, code):
        self.check(f"{what} exits {code} without /proc", out.code == code, out.describe())
        text = out.stdout + out.stderr
        self.check(
            f"{what}: no runtime abort",
            out.code != 134
            and not process.has_backtrace(text)
            and "Unable to obtain Swift runtime path" not in text,
            out.describe(),
        )

    def chroot(self, args, program, env, user=None, fd3=False):
        uid, gid = user or self.layout.build
        argv = [
            "env",
            "-i",
            *env,
            "unshare",
            f"--root={self.root}",
            "--wd=/workspace",
            f"--setgid={gid}",
            f"--setuid={uid}",
            "--",
            *emulation.command(
                [program, *args], view=("/", str(self.root)), emulator_path=self.emulator
            ),
        ]
        extra = {}
        if fd3:
            output = open(self.root / "fd3", "wb")
            extra = {"close_fds": False, "preexec_fn": lambda: os.dup2(output.fileno(), 3)}
        try:
            done = subprocess.run(argv, capture_output=True, timeout=120, check=False, **extra)
        finally:
            if fd3:
                output.close()
        return process.Outcome(
            done.returncode, process.decode(done.stdout), process.decode(done.stderr), False
        )


def run(reporter, layout, buildpack, work, python, only):
    runner = NoProcRun(reporter, layout, buildpack, work)
    if only.search("no-proc"):
        reporting.run_guarded(reporter, runner)
