"""Read-only suite: the exported image's app dir mounted read-only, as
`readOnlyRootFilesystem: true` runs it.

Two apps are built by the real `bin/build` and exported like the lifecycle does: one that only
selects (`/tmp/`, `/log/`, `create = ["tmp/pids"]`), one that also lists `tmp` and `log` under
`ephemeral`. Each run happens in a private mount namespace: the image is bind-mounted read-only,
`/tmp` is made read-only too, and the fixes are mounted as a user would (a tmpfs over `tmp/` and
`log/`, like an `emptyDir`; or a tmpfs over `/tmp` for the ephemeral places). As the run user, the
layer's exec.d program runs first, then a Puma-like start writes `tmp/pids/server.pid` and appends
to `log/production.log`:
  - without a fix the start fails and the check's warning names `tmp/` and `log/`;
  - with each fix the start succeeds and the check says nothing;
  - the ephemeral app also starts on a writable root file system, and keeps what `log/` held at
    build time, names and link targets that are not UTF-8 byte for byte;
  - the ephemeral app does not start (the check exits 1, as the launcher would stop) when its places
    would be another user's: `/tmp` a tmpfs of mode 0777 without the sticky bit (a Kubernetes
    `emptyDir`), or a `/tmp/group-writable` another user made first holding a planted
    `tmp/pids/server.pid` link to a file the run user can write, which stays untouched.
"""

import os
import shlex
import subprocess
import time
from pathlib import Path

import cnb
import emulation
import lifecycle
import reporting
import tree
import users
from readonly_app import (
    BUILD_LOG_LINE,
    EPHEMERAL_TOML,
    EXEC_D,
    PUMA,
    SEED_NAME,
    SEED_PROBE,
    SEED_TARGET,
    SELECTING_TOML,
)


def run(reporter, layouts, buildpack, work, python, only):
    for layout in layouts[:1]:
        for name, project in (("selecting", SELECTING_TOML), ("ephemeral", EPHEMERAL_TOML)):
            runner = ReadOnlyRun(reporter, layout, buildpack, Path(work), python, name, project)
            if only.search(runner.label):
                reporting.run_guarded(reporter, runner)


class ReadOnlyRun:
    def __init__(self, reporter, layout, buildpack, work, python, name, project):
        self.r = reporter
        self.layout = layout
        self.label = f"read-only/{layout.name}/{name}"
        self.lc = lifecycle.Lifecycle(work / f"{layout.name}-{name}", layout, buildpack, python)
        self.project = project
        self.python = python
        self.ephemeral = "ephemeral" in project

    def check(self, what, passed, details=()):
        return self.r.check(f"{self.label}: {what}", passed, details)

    def run(self):
        if not self.build_image():
            return
        if self.ephemeral:
            self.check_ephemeral()
        else:
            self.check_selecting()

    def build_image(self):
        """Builds the app (with names and link targets that are not UTF-8 in log/) and exports it;
        whether that worked."""
        lc = self.lc
        lc.prepare()
        for rel, text in (
            ("log/production.log", BUILD_LOG_LINE),
            ("tmp/cache/.keep", ""),
            ("config.ru", "run App\n"),
        ):
            path = lc.workspace / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        (lc.workspace / "project.toml").write_text(self.project)
        # Names and link targets that are not UTF-8, which the seed must keep byte for byte.
        (lc.workspace / "log").joinpath(os.fsdecode(SEED_NAME)).write_text("x\n")
        os.symlink(SEED_TARGET, os.fsencode(lc.workspace / "log") + b"/link")
        tree.normalise_modes(lc.workspace)
        lc.give_to_build_user()
        build = lc.build()
        if not self.check("build exits 0", build.code == 0, build.describe()):
            return False
        lc.export()
        return True

    def check_ephemeral(self):
        """The app with `ephemeral` places: it starts wherever /tmp is writable and safe, and
        refuses to start when /tmp is missing, an emptyDir without the sticky bit, or planted."""
        lc = self.lc
        self.check(
            "tmp/ and log/ are links into /tmp/group-writable in the image",
            all((lc.image_workspace / d).is_symlink() for d in ("tmp", "log")),
            [str(p) for p in lc.image_workspace.iterdir()],
        )
        started = self.start(read_only=False, tmpfs_over_tmp=True)
        self.expect_started("on a writable root file system", started, keeps_build_log=True)
        started = self.start(read_only=True)
        self.expect_failed(
            "read-only, no volume at /tmp",
            started,
            ["tmp/", "log/"],
            "has no writable place",
            "Mount a writable volume at `/tmp`",
        )
        started = self.start(read_only=True, tmpfs_over_tmp=True)
        self.expect_started("read-only, a tmpfs at /tmp", started, keeps_build_log=True)
        started = self.start(read_only=True, tmpfs_over_tmp=True, tmp_mode="0777")
        self.expect_refused(
            "read-only, a 0777 tmpfs at /tmp (an emptyDir)",
            started,
            "`/tmp`, which has mode 777",
            "Give `/tmp` the sticky bit",
        )
        started = self.start(read_only=True, tmpfs_over_tmp=True, planted=True)
        self.expect_refused(
            "read-only, /tmp/group-writable planted by another user",
            started,
            f"`/tmp/group-writable`, which belongs to uid {users.OUTSIDER[0]}",
            "Remove `/tmp/group-writable`",
        )

    def check_selecting(self):
        """The app that only selects: read-only it fails naming the roots, with a tmpfs over them
        it starts."""
        started = self.start(read_only=True)
        self.expect_failed(
            "read-only, no volume",
            started,
            ["tmp/", "log/"],
            "is on a read-only file system",
            "ephemeral",
        )
        started = self.start(read_only=True, tmpfs_over_dirs=True)
        self.expect_started(
            "read-only, a tmpfs over tmp/ and log/ (an emptyDir)",
            started,
            keeps_build_log=False,
        )

    def start(
        self, read_only, tmpfs_over_dirs=False, tmpfs_over_tmp=False, tmp_mode="1777", planted=False
    ):
        """The check and the Puma-like start as the run user, in a private mount namespace."""
        lc = self.lc
        uid, gid = self.layout.run
        mnt = f"/run/gw-read-only-{self.layout.name}"
        workspace = f"{mnt}/workspace"
        exec_d = f"{mnt}/layers/{cnb.LAYERS_NAME}/{cnb.LAYER_NAME}/exec.d/{EXEC_D}"
        puma, err, victim = self.io_files()
        steps = self.mount_steps(mnt, read_only, tmpfs_over_dirs, tmpfs_over_tmp, tmp_mode)
        as_run_user = (
            f"setpriv --reuid={uid} --regid={gid} --clear-groups -- env -i PATH={cnb.PATH_ENV}"
        )
        if planted:
            outsider = "setpriv --reuid=%d --regid=%d --clear-groups --" % users.OUTSIDER
            steps += [
                f"{outsider} mkdir -p /tmp/group-writable/tmp/pids",
                f"{outsider} ln -s {victim} /tmp/group-writable/tmp/pids/server.pid",
                f"{outsider} chmod -R 0755 /tmp/group-writable",
            ]
        # The image as the mount shows it (under GW_EMULATOR: the emulator runs the program).
        check = shlex.join(emulation.command([exec_d], view=(mnt, str(lc.image))))
        steps += [
            f"cd {workspace}",
            f"set +e; {as_run_user} {check} 3>/dev/null 2>{err}; status=$?;"
            " echo CHECK-EXIT:$status",
            # As the launcher: the app starts only when every exec.d program exits 0.
            f"if [ $status = 0 ]; then {as_run_user} {self.python} {puma} || true;"
            " else echo PUMA: not started; fi",
            f"{self.python} -c {shlex.quote(SEED_PROBE)} 2>/dev/null || true",
        ]
        started = time.monotonic()
        done = subprocess.run(
            ["unshare", "-m", "sh", "-c", "\n".join(steps)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        elapsed = time.monotonic() - started
        return done, err.read_text(errors="replace"), elapsed, victim.read_text()

    def io_files(self):
        """The Puma-like app, the check's stderr and a victim file, outside /tmp (which the runs
        hide or make read-only); returns their paths."""
        io = Path(f"/run/gw-read-only-io-{self.label.replace('/', '-')}")
        io.mkdir(parents=True, exist_ok=True)
        io.chmod(0o755)
        puma = io / "puma.py"
        puma.write_text(PUMA)
        puma.chmod(0o644)
        err = io / "check.err"
        err.write_bytes(b"")
        err.chmod(0o666)
        victim = io / "victim"
        victim.write_text("intact\n")
        victim.chmod(0o666)
        return puma, err, victim

    def mount_steps(self, mnt, read_only, tmpfs_over_dirs, tmpfs_over_tmp, tmp_mode):
        """Shell lines that mount the image at `mnt` as the run asks (read-only, tmpfs volumes)."""
        workspace = f"{mnt}/workspace"
        steps = [
            "set -e",
            "mount --make-rprivate /",
            f"mkdir -p {mnt}",
            f"mount --bind {self.lc.image} {mnt}",
        ]
        if read_only:
            steps += [
                f"mount -o remount,ro,bind {mnt}",
                "mount --bind /tmp /tmp",
                "mount -o remount,ro,bind /tmp",
            ]
        if tmpfs_over_dirs:
            steps += [
                f"mount -t tmpfs -o mode=1777 tmpfs {workspace}/tmp",
                f"mount -t tmpfs -o mode=1777 tmpfs {workspace}/log",
            ]
        if tmpfs_over_tmp:
            steps += [f"mount -t tmpfs -o mode={tmp_mode} tmpfs /tmp"]
        return steps

    def expect_started(self, what, started, keeps_build_log):
        done, check_err = started[:2]
        self.check(f"{what}: the mounts work", done.returncode == 0, [done.stderr])
        self.check(
            f"{what}: the check exits 0 and says nothing",
            "CHECK-EXIT:0" in done.stdout and check_err == "",
            [done.stdout, check_err],
        )
        self.check(
            f"{what}: the Puma-like start writes its pid and appends to the log",
            "PUMA: started" in done.stdout,
            [done.stdout, done.stderr, check_err],
        )
        if keeps_build_log:
            self.check(
                f"{what}: log/production.log still holds what the build left",
                "LOG:" + BUILD_LOG_LINE.strip() + "|started|" in done.stdout,
                [done.stdout],
            )
            seed = (
                "SEED:" + repr(sorted([SEED_NAME, b"link", b"production.log"])) + repr(SEED_TARGET)
            )
            self.check(
                f"{what}: the seed's names and link targets that are not UTF-8 are kept byte for"
                " byte",
                seed in done.stdout,
                [seed, done.stdout],
            )

    def expect_refused(self, what, started, cause, fix):
        done, check_err, _, victim = started
        self.check(f"{what}: the mounts work", done.returncode == 0, [done.stderr])
        self.check(
            f"{what}: the check exits 1 and the app does not start",
            "CHECK-EXIT:1" in done.stdout and "PUMA: not started" in done.stdout,
            [done.stdout, check_err],
        )
        self.check(
            f"{what}: the check says `tmp/` leads into a place another user controls",
            "! `tmp/` leads into a place another user controls" in check_err,
            check_err.splitlines(),
        )
        self.check(
            f"{what}: the check names the cause {cause!r} and the fix {fix!r}",
            cause in check_err and fix in check_err,
            check_err.splitlines(),
        )
        self.check(
            f"{what}: the file a planted link names is untouched", victim == "intact\n", [victim]
        )

    def expect_failed(self, what, started, paths, title, fix):
        done, check_err = started[:2]
        self.check(
            f"{what}: the Puma-like start fails",
            "PUMA: failed" in done.stdout,
            [done.stdout, done.stderr],
        )
        self.check(f"{what}: the check exits 0", "CHECK-EXIT:0" in done.stdout, [done.stdout])
        for path in paths:
            self.check(
                f"{what}: the check warns that `{path}` {title}",
                f"! Warning: `{path}` {title}" in check_err,
                check_err.splitlines(),
            )
        self.check(f"{what}: the check suggests {fix!r}", fix in check_err, check_err.splitlines())
