"""Trace suite: `group-writable trace` finds what an app writes, and its suggestion makes it work.

For every user layout, on the idealised platform and on OpenShift (`pack build --gid 0`, run as
uid 1000680000 in group 0), the app of trace_app.py (pid file, log append, WAL SQLite insert, an
atomic save, a forked child writing a cache entry):
  1. before any configuration: detect fails (100); the tree is exported as the lifecycle exports an
     app without this buildpack (owners rewritten, modes kept) and the app runs under `trace` as
     the run user: exit 2, every write it tried is denied and recorded (the child's too), the
     suggestion is exactly the expected pattern list, and nothing in the app changed;
  2. the suggestion goes into project.toml, the app is built and exported, and the app runs under
     the image's `bin/group-writable trace --config` as the run user: exit 0, nothing denied or
     denied after a build, and every write really happened; as a user outside the build group
     every write is denied again (exit 2) and nothing changes;
  3. under a seccomp filter refusing `ptrace` or `seccomp` (as a container profile does), `trace`
     exits 1 with the matching `!` block and no crash; an unknown command exits 1 ("Cannot
     find"), no command is a usage error (64).
"""

import json
import os
import re
from pathlib import Path

import lifecycle
import process
import reporting
import trace_app
import tree
import users
from trace_checks import TraceChecks
from trace_refusals import ENV, check_refusals, run_emulated

EXPECTED_PATHS = ["/db/app.sqlite3", "/log/production.log", "/public/uploads/", "/tmp/"]
# The denials every phase-1 trace must record: (action, path regex, SQLite database).
EXPECTED_DENIALS = [
    ("makeDirectory", r"tmp/pids", False),
    ("makeDirectory", r"tmp/cache", False),
    ("writeInPlace", r"log/production\.log", False),
    ("writeInPlace", r"db/app\.sqlite3", True),
    ("create", r"public/uploads/\.data\.json\.\d+\.tmp", False),
]
APP_DENIED_STEPS = "APP: pid {pid}, failed: " + ",".join(trace_app.STEPS)


__all__ = ["run", "run_emulated"]


def run(reporter, layouts, buildpack, work, python, only):
    openshift = next(p for p in users.PLATFORMS if p.name == "openshift")
    for layout in layouts:
        for platform in (users.IDEALISED, openshift):
            runner = TraceRun(reporter, layout, buildpack, Path(work), python, platform)
            if only.search(runner.label):
                reporting.run_guarded(reporter, runner)


class TraceRun(TraceChecks):
    def __init__(self, reporter, layout, buildpack, work, python, platform):
        self.r = reporter
        suffix = "" if platform is users.IDEALISED else f"/{platform.name}"
        self.label = f"trace/{layout.name}{suffix}"
        self.lc = lifecycle.Lifecycle(
            work / self.label.replace("/", "-"), layout, buildpack, python, platform
        )
        self.python = python
        self.out = self.lc.root / "out"
        ids = self.lc.run_user
        self.run_name = f"the run user {ids[0]}:{ids[1]}"

    def check(self, what, passed, details=()):
        return self.r.check(f"{self.label}: {what}", passed, details)

    def equal(self, what, actual, expected):
        return self.r.equal(f"{self.label}: {what}", actual, expected)

    def trace(self, user, binary, name, options=()):
        """Runs the app under `binary trace --json --output F` as `user` in the image's app dir;
        returns (outcome, the JSON report or None, the details to show on failure)."""
        report = self.out / f"{name}.json"
        report.unlink(missing_ok=True)
        argv = [
            binary,
            "trace",
            *options,
            "--json",
            "--output",
            report,
            "--",
            self.python,
            "app.py",
        ]
        outcome = process.run_as(user, argv, ENV, self.lc.image_workspace, timeout=60)
        details = [f"$ {' '.join(map(str, argv))}", *outcome.describe()]
        try:
            doc = json.loads(report.read_text())
            details.append("report: " + json.dumps(doc, indent=1, sort_keys=True))
        except (OSError, ValueError) as e:
            doc = None
            details.append(f"report {report}: {type(e).__name__}: {e}")
        return outcome, doc, details

    def run(self):
        lc = self.lc
        lc.prepare()
        trace_app.make_app(lc.workspace)
        tree.normalise_modes(lc.workspace)
        lc.give_to_build_user()
        self.out.mkdir(mode=0o755)
        os.chmod(self.out, 0o1777)
        detect = lc.detect()
        self.check(
            "phase 1: detect fails (100) without a configuration",
            detect.code == 100,
            detect.describe(),
        )
        lc.export()
        suggestion = self.phase1()
        if suggestion is not None:
            self.phase2(suggestion)
        check_refusals(
            self,
            lc.image_layer / "bin" / "group-writable"
            if (lc.image_layer / "bin").is_dir()
            else lc.buildpack.path / "bin" / "group-writable",
        )

    def phase1(self):
        """The app exported without the buildpack, traced as the run user; returns the
        suggestion."""
        lc = self.lc
        what = f"phase 1: trace as {self.run_name}, no configuration"
        binary = lc.buildpack.path / "bin" / "group-writable"
        traced = self.trace(lc.run_user, binary, "phase1")
        pid = self.expect_trace(what, traced, 2, True)
        outcome, doc, details = traced
        if doc is None:
            return None
        self.check(
            f"{what}: the app says every step failed",
            pid is not None and APP_DENIED_STEPS.format(pid=pid) in outcome.stdout,
            details,
        )
        writes = doc.get("writes", [])
        missing = [
            f"{action} {path} (sqliteDatabase {db})"
            for action, path, db in EXPECTED_DENIALS
            if not any(
                w.get("action") == action
                and re.fullmatch(path, w.get("path", ""))
                and w.get("error") == "EACCES"
                and w.get("sqliteDatabase") == db
                for w in writes
            )
        ]
        self.check(
            f"{what}: the EACCES denials of the mkdirs, the log append, the database open"
            " and the upload's temp file are recorded",
            not missing,
            [f"missing: {m}" for m in missing] + details,
        )
        self.check(
            f"{what}: the temp file's name has the app's pid",
            any(w.get("path") == f"public/uploads/.data.json.{pid}.tmp" for w in writes),
            details,
        )
        suggestion = doc.get("suggestion") or {}
        self.equal(f"{what}: suggestion.paths", suggestion.get("paths"), EXPECTED_PATHS)
        self.equal(
            f"{what}: suggestion.create and notes are empty",
            (suggestion.get("create"), suggestion.get("notes")),
            ([], []),
        )
        self.expect_untouched(what, "booted\n", [trace_app.SHIPPED_ROW])
        return suggestion if suggestion.get("paths") else None

    def phase2(self, suggestion):
        """The suggestion configured, built and exported; traced with --config as the run user and
        without as the outsider."""
        lc = self.lc
        project = (
            "[utility.group-writable]\n"
            f"paths = {json.dumps(suggestion['paths'])}\n"
            f"create = {json.dumps(suggestion.get('create', []))}\n"
        )
        (lc.workspace / "project.toml").write_text(project)
        lc.give_to_build_user()
        detect = lc.detect()
        self.check(
            "phase 2: detect passes with the suggestion in project.toml",
            detect.code == 0,
            [project, *detect.describe()],
        )
        build = lc.build()
        if not self.check("phase 2: build exits 0", build.code == 0, [project, *build.describe()]):
            return
        lc.export()
        binary = lc.image_layer / "bin" / "group-writable"
        self.check(
            "phase 2: the image's bin/group-writable links to ../exec.d/group-writable-check",
            binary.is_symlink()
            and os.readlink(binary) == "../exec.d/group-writable-check"
            and os.access(binary, os.X_OK),
            [str(binary)],
        )
        pid = self.check_configured_trace(binary, suggestion)
        rows = self.check_configured_writes(pid)
        self.check_outsider(binary, rows)

    def check_configured_trace(self, binary, suggestion):
        """trace --config as the run user: every write works; returns the app's pid."""
        lc = self.lc
        what = f"phase 2: trace --config as {self.run_name}"
        traced = self.trace(lc.run_user, binary, "phase2", ["--config"])
        pid = self.expect_trace(what, traced, 0, False)
        outcome, doc, details = traced
        if doc is not None:
            self.equal(f"{what}: deniedAfterBuild", doc.get("deniedAfterBuild"), [])
            self.check(
                f"{what}: the app says every step worked",
                f"APP: pid {pid}, failed: none" in outcome.stdout,
                details,
            )
            writes = doc.get("writes", [])
            seen = {(w.get("action"), w.get("path")) for w in writes}
            wanted = {
                ("create", "tmp/pids/app.pid"),
                ("writeInPlace", "log/production.log"),
                ("writeInPlace", "db/app.sqlite3"),
                ("create", "db/app.sqlite3-wal"),
                ("renameTo", "public/uploads/data.json"),
                ("create", "tmp/cache/entry"),
            }
            self.check(
                f"{what}: records the writes (the child's too), every one succeeded",
                wanted <= seen and all(w.get("error") is None for w in writes),
                [f"missing: {sorted(wanted - seen)}", *details],
            )
            self.equal(
                f"{what}: suggests the same configuration again", doc.get("suggestion"), suggestion
            )
        return pid

    def check_configured_writes(self, pid):
        """What the traced app wrote is in the image; returns the database's rows."""
        lc = self.lc
        what = f"phase 2: trace --config as {self.run_name}"
        image = lc.image_workspace

        def read(rel):
            return (image / rel).read_text() if (image / rel).is_file() else None

        uploads = sorted(os.listdir(image / "public/uploads"))
        try:
            upload = json.loads(read("public/uploads/data.json") or "null")
        except ValueError as e:
            upload = f"{type(e).__name__}: {e}"
        self.equal(
            f"{what}: the writes happened (pid file, log line, cache entry, upload)",
            (
                read("tmp/pids/app.pid"),
                read("log/production.log"),
                read("tmp/cache/entry"),
                upload,
                uploads,
            ),
            (
                str(pid),
                f"booted\n{trace_app.LOG_LINE}\n",
                "cached\n",
                trace_app.UPLOAD,
                [".keep", "data.json"],
            ),
        )
        rows = [trace_app.SHIPPED_ROW, trace_app.ROW]
        self.equal(
            f"{what}: the database has the new row, still in WAL mode",
            trace_app.read_rows(image / "db/app.sqlite3", lc.root / "db-copy"),
            ("wal", rows),
        )
        return rows

    def check_outsider(self, binary, rows):
        """trace as a user outside the build group: every step fails, nothing changes."""
        outsider = "%d:%d" % users.OUTSIDER
        what = f"phase 2: trace as {outsider}, outside the build group"
        traced = self.trace(users.OUTSIDER, binary, "outsider")
        pid = self.expect_trace(what, traced, 2, True)
        outcome, doc, details = traced
        self.check(
            f"{what}: the app says every step failed",
            pid is not None and APP_DENIED_STEPS.format(pid=pid) in outcome.stdout,
            details,
        )
        self.expect_untouched(what, f"booted\n{trace_app.LOG_LINE}\n", rows)
