"""Lifecycle emulation: the buildpack as the lifecycle finds it and one app's build laid out like
the lifecycle's (dirs, platform env files, owners as the platform hands them over, the Buildpack
API 0.10 environment of bin/detect and bin/build). Everything runs as root and drives the real
executables as an unprivileged build user."""

import os
import shutil
import stat
import subprocess
import tomllib
from pathlib import Path

import emulation
from cnb import LAYER_NAME, LAYERS_NAME, PATH_ENV
from export import export_image
from probes import run_probes
from process import run_as
from tree import normalise_modes, remove_tree, tree_paths
from users import IDEALISED


class Buildpack:
    """An assembled buildpack dir: buildpack.toml plus bin/detect and bin/build; `machine` is the
    ELF e_machine of bin/group-writable, `arch` its CNB name (amd64, arm64)."""

    def __init__(self, path):
        self.path = Path(path)
        with open(self.path / "buildpack.toml", "rb") as f:
            descriptor = tomllib.load(f)
        self.version = descriptor["buildpack"]["version"]
        self.id = descriptor["buildpack"]["id"]
        self.executable = self.path / "bin" / "group-writable"
        self.machine = emulation.elf_machine(self.executable)
        self.arch = emulation.ARCHITECTURES.get(self.machine, "amd64")


class Lifecycle:
    """The dirs and phases of one app's build, laid out like the lifecycle's.

    root/
        workspace/                    the app dir (CNB_APP_DIR), as the platform hands it over
        platform/env/NAME             the platform env files
        layers/utility_group-writable the buildpack's layers dir (CNB_LAYERS_DIR)
        plan/                         build plan files
        home/                         the build user's HOME
        image/                        what the exporter would put in the image
    """

    def __init__(self, root, layout, buildpack, python, platform=IDEALISED):
        self.root = Path(root)
        self.layout = layout
        self.platform = platform
        # The ids the build runs as (and the exporter gives every entry), and the app's process.
        self.build_user = platform.build_user(layout)
        self.run_user = platform.run_as(layout)
        self.buildpack = buildpack
        self.python = python
        self.workspace = self.root / "workspace"
        self.platform_dir = self.root / "platform"
        self.layers = self.root / "layers" / LAYERS_NAME
        self.plan = self.root / "plan"
        self.home = self.root / "home"
        self.image = self.root / "image"
        self.image_workspace = self.image / "workspace"
        self.image_layer = self.image / "layers" / LAYERS_NAME / LAYER_NAME
        self.process_env = {}

    def prepare(self, app_source=None, env_files=None, process_env=None):
        """Creates the dirs and copies the app, modes as a git checkout with umask 022 has them."""
        remove_tree(self.root)
        self.root.mkdir(parents=True, mode=0o755)
        os.chmod(self.root, 0o755)
        if app_source is not None:
            shutil.copytree(app_source, self.workspace, symlinks=True)
            normalise_modes(self.workspace)
        else:
            self.workspace.mkdir(mode=0o755)
        os.chmod(self.workspace, 0o755)
        (self.platform_dir / "env").mkdir(parents=True)
        for name, value in (env_files or {}).items():
            (self.platform_dir / "env" / name).write_bytes(os.fsencode(value))
        for path in (self.layers, self.plan, self.home):
            path.mkdir(parents=True, mode=0o755)
        (self.plan / "detect-plan.toml").write_bytes(b"")
        (self.plan / "buildpack-plan.toml").write_bytes(b"")
        self.process_env = dict(process_env or {})

    def give_to_build_user(self):
        """Gives the layers dir, plan files and HOME to the build user, as the lifecycle does, and
        the app dir as the platform hands it over (modes, owners, the app dir's own mode)."""
        platform = self.platform
        uid, gid = self.build_user
        for path in (self.layers, self.plan, self.home):
            subprocess.run(["chown", "-R", "-h", f"{uid}:{gid}", str(path)], check=True)
        if platform.contents_mode is not None:
            for path in tree_paths(self.workspace, dirs=True, files=True):
                os.chmod(path, platform.contents_mode)
        owner_uid, owner_gid = platform.contents_owner(self.layout)
        subprocess.run(
            ["chown", "-R", "-h", f"{owner_uid}:{owner_gid}", str(self.workspace)], check=True
        )
        if platform.setgid_dirs:
            for path in tree_paths(self.workspace, dirs=True, files=False):
                os.chmod(path, os.lstat(path).st_mode & 0o7777 | stat.S_ISGID)
        root_uid, root_gid = platform.root_owner_of(self.layout)
        os.chown(self.workspace, root_uid, root_gid)
        os.chmod(self.workspace, platform.root_mode)

    def env(self, phase):
        """The environment of `bin/detect` or `bin/build`, as Buildpack API 0.10 defines it."""
        env = dict(self.process_env)
        env.update(
            {
                "CNB_PLATFORM_DIR": str(self.platform_dir),
                "CNB_BUILDPACK_DIR": str(self.buildpack.path),
                "CNB_TARGET_OS": "linux",
                "CNB_TARGET_ARCH": self.buildpack.arch,
                "CNB_TARGET_DISTRO_NAME": self.layout.distro[0],
                "CNB_TARGET_DISTRO_VERSION": self.layout.distro[1],
                "HOME": str(self.home),
                "PATH": PATH_ENV,
            }
        )
        if phase == "detect":
            env["CNB_BUILD_PLAN_PATH"] = str(self.plan / "detect-plan.toml")
        else:
            env["CNB_LAYERS_DIR"] = str(self.layers)
            env["CNB_BP_PLAN_PATH"] = str(self.plan / "buildpack-plan.toml")
        return env

    def detect(self, timeout=120, **options):
        """bin/detect as the build user; `options` go to run_as (umask, limits, measure)."""
        return run_as(
            self.build_user,
            [self.buildpack.path / "bin" / "detect"],
            self.env("detect"),
            self.workspace,
            timeout,
            **options,
        )

    def build(self, timeout=300, **options):
        """bin/build as the build user; `options` go to run_as (umask, limits, measure)."""
        return run_as(
            self.build_user,
            [self.buildpack.path / "bin" / "build"],
            self.env("build"),
            self.workspace,
            timeout,
            **options,
        )

    def export(self):
        """Exports the app dir and the launch layer into `image/` (export.export_image)."""
        export_image(self)

    def probe(self, actions, timeout=120, user=None):
        """Runs the probes as `user` (default: the run user); returns {(action, path): (ok, errno,
        mode)} (probes.run_probes)."""
        return run_probes(self, actions, timeout, user)

    def read_toml(self, path):
        """Parses a TOML file with tomllib; returns (data, error text)."""
        try:
            with open(path, "rb") as f:
                return tomllib.load(f), None
        except (OSError, tomllib.TOMLDecodeError) as e:
            return None, f"{type(e).__name__}: {e}"
