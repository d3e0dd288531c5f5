"""Runtime suite: the launch-time self-check (`exec.d`) and `group-writable doctor` in the image.

For every user layout, one app is built by the real `bin/build` as the build user and exported
like the lifecycle exporter does. Then, in the exported image:
  - the layer's `exec.d` program runs the way the launcher runs it (working directory = the app,
    fd 3 open for its output) as the run user, who is in the build group: it says nothing;
  - as a user outside the build group: one warning per writable root naming the group and how to
    run with it;
  - on a read-only bind mount of the app dir, as the run user: one read-only warning per root
    suggesting a writable volume;
  - with `BPL_GROUP_WRITABLE_CHECK=false`: nothing, even when it would warn;
  - `group-writable doctor`, with the report from `--report`, from `CNB_LAYERS_DIR` and from the
    app's configuration (no report at all), says the same;
  - as OpenShift runs a pod (an arbitrary uid in group 0): on that image, a warning per root
    naming the build group, saying the process is in group 0 and suggesting `pack build --gid 0`;
    on an image built with `pack build --gid 0` (the `openshift` platform layout), nothing; on that
    image as an arbitrary uid *not* in group 0, a warning per root naming group 0 (and no `--gid 0`
    suggestion).
  - under `ulimit -n 4` (and 3), as the run user: a warning that the check did not run, naming the
    limit.
Every run must exit 0, print nothing to stdout and write valid TOML with no variables on fd 3.
"""

import os
from pathlib import Path

import emulation
import lifecycle
import reporting
import tree
import users
from mounts import ReadOnlyBind
from runtime_checks import RuntimeChecks

# A user in none of the layouts' groups: uid 1003, gid 1003 (created by integration/run).
OUTSIDER = users.OUTSIDER
# How OpenShift runs a pod (restricted SCC): an arbitrary uid of the namespace's range, in group 0.
OPENSHIFT_POD = (users.OPENSHIFT_UID, 0)
# The same uid where group 0 is not given (Kubernetes `runAsUser` and `runAsGroup` alone).
OPENSHIFT_UID_OWN_GROUP = (users.OPENSHIFT_UID, users.OPENSHIFT_UID)
EXEC_D_NAME = "group-writable-check"
PROJECT_TOML = """\
[_]
schema-version = "0.2"

[utility.group-writable]
paths = ["/storage/", "/db/*.sqlite3"]
create = ["tmp/pids"]
"""
APP_FILES = (
    "storage/logs/.keep",
    "storage/framework/cache/.keep",
    "db/app.sqlite3",
    "app/main.rb",
    "config/app.yml",
)


def run(reporter, layouts, platforms, buildpack, work, python, only):
    names = {p.name for p in platforms}
    openshift = next(p for p in users.PLATFORMS if p.name == "openshift")
    for layout in layouts:
        runners = [RuntimeRun(reporter, layout, buildpack, Path(work), python)]
        if openshift.name in names:
            runners.append(OpenShiftRun(reporter, layout, buildpack, Path(work), python, openshift))
        for runner in runners:
            if only.search(runner.label):
                reporting.run_guarded(reporter, runner)


class RuntimeRun(RuntimeChecks):
    def __init__(self, reporter, layout, buildpack, work, python, platform=users.IDEALISED):
        self.r = reporter
        self.layout = layout
        self.platform = platform
        suffix = "" if platform is users.IDEALISED else f"/{platform.name}"
        self.label = f"runtime/{layout.name}{suffix}"
        self.lc = lifecycle.Lifecycle(
            work / self.label.replace("/", "-"), layout, buildpack, python, platform
        )

    def check(self, what, passed, details=()):
        return self.r.check(f"{self.label}: {what}", passed, details)

    def build_image(self):
        """Builds and exports the app; returns (roots, exec.d program) or None after a failure."""
        lc = self.lc
        lc.prepare()
        for rel in APP_FILES:
            path = lc.workspace / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x\n")
        (lc.workspace / "project.toml").write_text(PROJECT_TOML)
        tree.normalise_modes(lc.workspace)
        lc.give_to_build_user()
        build = lc.build()
        if not self.check("build exits 0", build.code == 0, build.describe()):
            return None
        lc.export()
        report, error = lc.read_toml(lc.image_layer / "report.toml")
        if not self.check("the image's report.toml parses", report is not None, [error]):
            return None
        roots = report.get("roots", [])
        self.r.equal(
            f"{self.label}: the image's report lists the writable roots",
            sorted(roots),
            ["db/app.sqlite3", "storage/", "tmp/pids/"],
        )
        exec_d = lc.image_layer / "exec.d" / EXEC_D_NAME
        if not self.check(
            f"the layer has an executable exec.d/{EXEC_D_NAME}",
            exec_d.is_file() and os.access(exec_d, os.X_OK),
            [str(exec_d)],
        ):
            return None
        return roots, exec_d

    def run(self):
        built = self.build_image()
        if built is None:
            return
        roots, exec_d = built
        self.check_exec_d(roots, exec_d)
        self.check_doctor(roots)
        self.check_openshift_pod(roots, exec_d)

    def doctor_argv(self):
        """(the CLI, `doctor --app IMAGE`, the image's report.toml)."""
        lc = self.lc
        binary = lc.buildpack.path / "bin" / "group-writable"
        return binary, ["doctor", "--app", lc.image_workspace], lc.image_layer / "report.toml"

    def check_exec_d(self, roots, exec_d):
        """The exec.d check as the run user, outside the group, switched off, with few open files
        and on a read-only app dir."""
        lc = self.lc
        group = lc.build_user[1]
        run_user = lc.run_user
        self.expect_silent(
            "exec.d as the run user (in the build group)", self.exec_d(exec_d, run_user)
        )
        self.expect_warnings(
            "exec.d as a user outside the build group",
            self.exec_d(exec_d, OUTSIDER),
            roots,
            f"is not writable: the process is not in group {group}",
            f"docker run --group-add {group}",
        )
        self.expect_silent(
            "exec.d outside the group with BPL_GROUP_WRITABLE_CHECK=false",
            self.exec_d(exec_d, OUTSIDER, {"BPL_GROUP_WRITABLE_CHECK": "false"}),
        )
        # qemu-user needs descriptors of its own to start the program, so under the emulator the
        # product never runs with 3 or 4: these two cases are left out there.
        low_limits = () if emulation.active() else (3, 4)
        if emulation.active():
            reporting.log(
                "exec.d with 3 or 4 open files: left out under the emulator (it cannot start the"
                " program with so few descriptors)"
            )
        for limit in low_limits:
            what = f"exec.d as the run user with {limit} open files at most"
            result = self.exec_d(exec_d, run_user, nofile=limit)
            self.expect_common(what, result)
            self.check(
                f"{what}: says on stderr that it did not run",
                f"! Warning: The start-up check did not run: the open-file limit is {limit}\n"
                in result[0].stderr,
                result[0].describe(),
            )
        with ReadOnlyBind(lc.image_workspace) as mounted:
            if self.check(
                "the app dir can be bind-mounted read-only", mounted.error is None, [mounted.error]
            ):
                self.expect_warnings(
                    "exec.d as the run user on a read-only app dir",
                    self.exec_d(exec_d, run_user),
                    roots,
                    "is on a read-only file system",
                    "emptyDir",
                )

    def check_doctor(self, roots):
        """`doctor` from --report, CNB_LAYERS_DIR and project.toml outside the group, and as the
        run user."""
        lc = self.lc
        group = lc.build_user[1]
        run_user = lc.run_user
        binary, doctor, report_path = self.doctor_argv()
        self.expect_doctor(
            "doctor --report as a user outside the group",
            self.run_cli(OUTSIDER, [binary, *doctor, "--report", report_path]),
            roots,
            report_path,
            group,
        )
        self.expect_doctor(
            "doctor with CNB_LAYERS_DIR as a user outside the group",
            self.run_cli(OUTSIDER, [binary, *doctor], {"CNB_LAYERS_DIR": lc.image_layer.parent}),
            roots,
            report_path,
            group,
        )
        self.expect_doctor(
            "doctor without a report (from project.toml) outside the group",
            self.run_cli(OUTSIDER, [binary, *doctor]),
            roots,
            None,
            group,
        )
        in_group = self.run_cli(run_user, [binary, *doctor, "--report", report_path])
        self.check(
            "doctor as the run user: exit 0, every root writable, no warning",
            in_group.code == 0
            and "!" not in in_group.stdout
            and all(f"`{root}` is writable" in in_group.stdout for root in roots),
            in_group.describe(),
        )

    def check_openshift_pod(self, roots, exec_d):
        """OpenShift runs this image (group-owned by the build group) as an arbitrary uid in
        group 0: nothing selected is writable, and the check says so."""
        group = self.lc.build_user[1]
        binary, doctor, report_path = self.doctor_argv()
        pod = "%d:%d" % OPENSHIFT_POD
        what = f"exec.d as OpenShift's pod user {pod} (group 0, not {group})"
        result = self.exec_d(exec_d, OPENSHIFT_POD)
        self.expect_warnings(
            what,
            result,
            roots,
            f"is not writable: the process is not in group {group}",
            f"docker run --group-add {group}",
        )
        self.expect_gid0_hint(what, result[0].stderr, roots, group, True)
        what = f"doctor as OpenShift's pod user {pod}"
        outcome = self.run_cli(OPENSHIFT_POD, [binary, *doctor, "--report", report_path])
        self.expect_doctor(what, outcome, roots, report_path, group)
        self.expect_gid0_hint(what, outcome.stdout, roots, group, True)
        outside = self.run_cli(OUTSIDER, [binary, *doctor, "--report", report_path])
        self.expect_gid0_hint(
            "doctor as a user outside the build group and group 0",
            outside.stdout,
            roots,
            group,
            False,
        )


class OpenShiftRun(RuntimeRun):
    """The image of `pack build --gid 0`: every entry belongs to group 0, so OpenShift's arbitrary
    uid in group 0 can write each root and the check says nothing; a uid without group 0 is
    warned."""

    def run(self):
        built = self.build_image()
        if built is None:
            return
        roots, exec_d = built
        lc = self.lc
        image = tree.snapshot(lc.image_workspace)
        self.check(
            "every entry of the image belongs to group 0",
            {e.gid for e in image.values()} == {0},
            [f"groups: {sorted({e.gid for e in image.values()})}"],
        )
        pod = "%d:%d" % OPENSHIFT_POD
        own = "%d:%d" % OPENSHIFT_UID_OWN_GROUP
        self.expect_silent(
            f"exec.d as OpenShift's pod user {pod} (in group 0)", self.exec_d(exec_d, OPENSHIFT_POD)
        )
        what = f"exec.d as uid {users.OPENSHIFT_UID} not in group 0 ({own})"
        result = self.exec_d(exec_d, OPENSHIFT_UID_OWN_GROUP)
        self.expect_warnings(
            what,
            result,
            roots,
            "is not writable: the process is not in group 0",
            "docker run --group-add 0",
        )
        self.expect_gid0_hint(what, result[0].stderr, roots, 0, False)
        binary = lc.buildpack.path / "bin" / "group-writable"
        report_path = lc.image_layer / "report.toml"
        doctor = [binary, "doctor", "--app", lc.image_workspace, "--report", report_path]
        in_group = self.run_cli(OPENSHIFT_POD, doctor)
        self.check(
            f"doctor as OpenShift's pod user {pod}: exit 0, every root writable, no warning",
            in_group.code == 0
            and "!" not in in_group.stdout
            and all(f"`{root}` is writable" in in_group.stdout for root in roots),
            in_group.describe(),
        )
        what = f"doctor as uid {users.OPENSHIFT_UID} not in group 0 ({own})"
        outcome = self.run_cli(OPENSHIFT_UID_OWN_GROUP, doctor)
        self.expect_doctor(what, outcome, roots, report_path, 0)
        self.expect_gid0_hint(what, outcome.stdout, roots, 0, False)
        # Real writes, as the pod writes: a new file in each root dir, a byte appended to a file.
        plan = [
            (
                "create" if root.endswith("/") else "append",
                str(lc.image_workspace / root.rstrip("/")),
                True,
            )
            for root in roots
        ]
        for user, want in ((OPENSHIFT_POD, True), (OPENSHIFT_UID_OWN_GROUP, False)):
            results = lc.probe([(a, p) for a, p, _ in plan], user=user)
            wrong = [
                f"{a} {p}: {results[(a, p)][1]}" for a, p, _ in plan if results[(a, p)][0] != want
            ]
            ids = "%d:%d" % user
            what = "can write each" if want else "cannot write any"
            self.check(f"uid:gid {ids} {what} of the {len(plan)} roots", not wrong, wrong)
