"""Start-ups (medians of posix_spawn runs): bin/detect on an app that did not opt in, and the exec.d
start-up check (issue 15) of an app built with bin/build, laid out as examples/run does."""

import json
import os
import shutil
import statistics
import subprocess
import time
import tomllib

from .common import REPO, USERS, Failure, run_root, timed_command, user_kwargs

DETECT_LIMIT_MS = 5.0
STARTUP_LIMIT_MS = 10.0  # issue 15: the exec.d check runs at every container start
STARTUP_CREATE = ["tmp/pids", "tmp/sockets", "log/archive", "storage/blobs"]


def spawn_medians(cases, runs, cwd, env, user):
    """Median wall time (ms) of `runs` posix_spawn + waitpid runs of each case, in a forked child
    that has become `user` ((uid, gid), or None for this process), so no user switch is in the
    timing.

    cases: [(argv, expected exit status, before)]; before() (or None) runs in the child, outside
    the timing, before each run. Standard input, output, error and fd 3 (the launcher's exec.d
    pipe) are /dev/null. Returns [median ms] in the order of cases; raises Failure when a run
    exits otherwise than expected.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no exceptions may escape
        outcome = {}
        try:
            os.close(read_end)
            if user:
                os.setgroups([])
                os.setgid(user[1])
                os.setuid(user[0])
            os.chdir(cwd)
            devnull = os.open(os.devnull, os.O_RDWR)
            actions = [(os.POSIX_SPAWN_DUP2, devnull, fd) for fd in (0, 1, 2, 3)]
            medians = []
            for argv, expected, before in cases:
                samples = []
                for _ in range(runs):
                    if before:
                        before()
                    start = time.perf_counter()
                    child = os.posix_spawn(argv[0], argv, env, file_actions=actions)
                    _, status = os.waitpid(child, 0)
                    samples.append(time.perf_counter() - start)
                    code = os.waitstatus_to_exitcode(status)
                    if code != expected:
                        raise RuntimeError("%s exited %d, expected %d" % (argv[0], code, expected))
                medians.append(statistics.median(samples) * 1000)
            outcome = {"medians": medians}
        except BaseException as error:  # noqa: BLE001 - reported to the parent
            outcome = {"error": "%s: %s" % (type(error).__name__, error)}
        finally:
            try:
                os.write(write_end, json.dumps(outcome).encode())
            finally:
                os._exit(0)
    os.close(write_end)
    chunks = []
    while True:
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    outcome = json.loads(b"".join(chunks) or b"{}")
    if "medians" not in outcome:
        raise Failure("timing start-ups: %s" % outcome.get("error", "the timing child died"))
    return outcome["medians"]


def measure_detect(binary, runs, work):
    """bin/detect on an app that did not opt in, as the build user: (median ms, /bin/true ms)."""
    bindir = os.path.join(work, "detect-bin")
    app = os.path.join(work, "detect-app")
    platform_dir = os.path.join(work, "detect-platform")
    for directory in (bindir, app, platform_dir):
        os.makedirs(directory, exist_ok=True)
    detect = os.path.join(bindir, "detect")
    if not os.path.lexists(detect):
        os.symlink(binary, detect)
    plan = os.path.join(USERS.home, "detect-plan.toml")
    env = {
        "PATH": "/usr/bin:/bin",
        "CNB_PLATFORM_DIR": platform_dir,
        "CNB_BUILD_PLAN_PATH": plan,
        "CNB_BUILDPACK_DIR": REPO,
    }
    # The first runs warm the page cache; posix_spawn + waitpid is as little harness overhead as
    # Python allows (the /bin/true row shows what is left of it).
    spawn_medians([([detect], 100, None)], 3, app, env, USERS.build)
    detect_ms, true_ms = spawn_medians(
        [([detect], 100, None), (["/bin/true"], 0, None)], runs, app, env, USERS.build
    )
    return detect_ms, true_ms


class Buildpack:
    """A buildpack directory as examples/run lays it out (bin/group-writable, bin/build and
    bin/detect links to it, buildpack.toml) and `bin/build` run the way the lifecycle runs it: as
    the build user, cwd = the app, only the CNB variables set, umask 022."""

    def __init__(self, binary, work):
        self.dir = os.path.join(work, "buildpack")
        os.makedirs(os.path.join(self.dir, "bin"))
        shutil.copy(os.path.join(REPO, "buildpack.toml"), self.dir)
        shutil.copy(binary, os.path.join(self.dir, "bin", "group-writable"))
        for name in ("build", "detect"):
            os.symlink("group-writable", os.path.join(self.dir, "bin", name))
        self.plan = os.path.join(work, "plan.toml")
        open(self.plan, "w").close()

    def env(self, platform):
        return {
            "CNB_PLATFORM_DIR": platform,
            "CNB_BUILDPACK_DIR": self.dir,
            "CNB_TARGET_OS": "linux",
            "CNB_TARGET_ARCH": "amd64",
            "CNB_TARGET_DISTRO_NAME": "ubuntu",
            "CNB_TARGET_DISTRO_VERSION": "22.04",
            "HOME": USERS.home,
            "PATH": "/usr/local/bin:/usr/bin:/bin",
        }

    def build(self, app, layers, platform, log_path, gnu_time=None, kill_after=None):
        """Runs bin/build; returns (seconds or None when killed, peak RSS KiB or None, exit status).
        The build log (stdout and stderr) goes to log_path."""
        if os.path.exists(layers):
            shutil.rmtree(layers)
        os.mkdir(layers, 0o755)
        if USERS.build:
            os.chown(layers, *USERS.build)
        env = dict(self.env(platform), CNB_LAYERS_DIR=layers, CNB_BP_PLAN_PATH=self.plan)
        return timed_command(
            [os.path.join(self.dir, "bin", "build")], app, env, log_path, gnu_time, kill_after
        )


def make_startup_app(work):
    """A Rails-like app with 20 writable roots and 4 `create` directories, owned by the build
    user: (app, platform dir)."""
    app = os.path.join(work, "startup-app")
    for rel in ["tmp/cache/assets", "log", "storage", "public/uploads", "db", "config"]:
        os.makedirs(os.path.join(app, rel), 0o755)
    os.makedirs(os.path.join(app, "app/models"), 0o755)
    caches = ["cache/c%02d" % n for n in range(1, 15)]
    for rel in caches:
        os.makedirs(os.path.join(app, rel, "entries"), 0o755)
        open(os.path.join(app, rel, "entries", "0001"), "w").close()
    for rel in ["log/production.log", "db/development.sqlite3", "db/production.sqlite3"]:
        open(os.path.join(app, rel), "w").close()
    for rel in ["config/database.yml", "app/models/user.rb", "tmp/cache/assets/a.cache"]:
        open(os.path.join(app, rel), "w").close()
    paths = ["/tmp/", "/log/", "/storage/", "/public/uploads/", "/db/*.sqlite3"]
    paths += ["/%s/" % rel for rel in caches]
    with open(os.path.join(app, "project.toml"), "w") as handle:
        handle.write(
            "[utility.group-writable]\npaths = %s\ncreate = %s\n"
            % (json.dumps(paths), json.dumps(STARTUP_CREATE))
        )
    platform = os.path.join(work, "startup-platform")
    os.makedirs(os.path.join(platform, "env"))
    if USERS.build:
        run_root(["chown", "-R", "%d:%d" % USERS.build, app])
    return app, platform


def build_startup_app(buildpack, work):
    """Builds the start-up app with bin/build: (app, build seconds, layer dir, report.toml text)."""
    app, platform = make_startup_app(work)
    layers = os.path.join(USERS.home, "startup-layers")
    log_path = os.path.join(work, "startup-build.log")
    seconds, _, status = buildpack.build(app, layers, platform, log_path, kill_after=120)
    if status != 0:
        with open(log_path, "rb") as handle:
            raise Failure(
                "bin/build of the start-up app exited %s:\n%s"
                % (status, handle.read().decode(errors="replace")[-1500:])
            )
    layer = os.path.join(layers, "group-writable")
    with open(os.path.join(layer, "report.toml"), "rb") as handle:
        report = handle.read().decode(errors="replace")
    return app, seconds, layer, report


def hide_created(tmp):
    """What a fresh emptyDir over tmp/ does: tmp/ is there and empty (its pids and sockets, which
    the build made, are gone)."""
    for name in os.listdir(tmp):
        path = os.path.join(tmp, name)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.unlink(path)


def measure_startup(buildpack, runs, work, problems):
    """The exec.d start-up program (`group-writable-check`) at container start: the start-up app
    is built with bin/build (as the build user); the check in the layer's exec.d then runs as the
    run user, cwd = the app, with the report two directories up from it. Returns {case: median ms}
    for the steady start, a start after a fresh mount hid the created directories (removed before
    each run, outside the timing: the check makes them again), and /bin/true as the same user."""
    app, seconds, layer, report = build_startup_app(buildpack, work)
    check = os.path.join(layer, "exec.d", "group-writable-check")
    roots = tomllib.loads(report)
    env = {"PATH": "/usr/bin:/bin", "PWD": app, "HOME": "/home/cnb", "CNB_APP_DIR": app}
    runner = USERS.run_user
    # Once with its output captured: a working start is silent and exits 0.
    proc = subprocess.run([check], cwd=app, env=env, capture_output=True, **user_kwargs(runner))
    if proc.returncode != 0 or proc.stdout or proc.stderr:
        problems.append(
            "start-up check on the built app: exit %d, stdout %r, stderr %r (expected 0 "
            "and silence)" % (proc.returncode, proc.stdout[:200], proc.stderr[:300])
        )
    tmp = os.path.join(app, "tmp")
    spawn_medians([([check], 0, None)], 3, app, env, runner)  # warm the page cache
    cases = [([check], 0, None), ([check], 0, lambda: hide_created(tmp)), (["/bin/true"], 0, None)]
    steady, repair, true_ms = spawn_medians(cases, runs, app, env, runner)
    missing = [rel for rel in STARTUP_CREATE if not os.path.isdir(os.path.join(app, rel))]
    if missing:
        problems.append(
            "start-up check did not make the hidden create directories again: %s"
            % ", ".join(missing)
        )
    return {
        "steady": steady,
        "repair": repair,
        "true": true_ms,
        "roots": roots.get("roots-total", len(roots.get("roots", []))),
        "created": len(roots.get("created", [])),
        "report_bytes": len(report.encode()),
        "build_seconds": seconds,
    }
