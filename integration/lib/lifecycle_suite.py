"""The fixture suite: every scenario in integration/fixtures/*/scenario.toml, for every user layout
and each platform layout the scenario names.

A scenario names an app tree, the platform env, a few tweaks of the tree, and what must come out:
detect's and build's exit, the writable roots, the dirs `create` makes, the patterns' match counts,
lines of output and warnings. Everything else (mode of every entry, the counts, the platform's
warnings, what the run user and a user outside the group can write, whether SQLite can write) is
derived from those expectations, the platform's layout and the contract's mode rule, and checked
on the real result.
"""

import os
import re
from pathlib import Path

import cnb
import contract
import lifecycle
import predict
import process
import reporting
import tree
from build_checks import BuildChecks
from output_checks import OutputChecks
from probe_checks import ProbeChecks
from scenarios import ERROR, apply_tweaks
from warning_checks import WarningChecks


def run(reporter, runs, buildpack, work, python):
    for layout, platform, scenario in runs:
        reporting.run_guarded(
            reporter, ScenarioRun(reporter, layout, platform, scenario, buildpack, work, python)
        )


class ScenarioRun(BuildChecks, OutputChecks, WarningChecks, ProbeChecks):
    """Detect, build, export and probe one scenario under one user layout and one platform."""

    def __init__(self, reporter, layout, platform, scenario, buildpack, work, python):
        self.r = reporter
        self.layout = layout
        self.platform = platform
        self.s = scenario
        self.expect = scenario.expect_for(platform)
        self.label = f"{layout.name}/{platform.name}/{scenario.name}"
        self.lc = lifecycle.Lifecycle(
            Path(work) / self.label.replace("/", "-"), layout, buildpack, python, platform
        )
        self.version = buildpack.version
        self.policy = contract.Policy(
            setgid=self.expect.get("setgid", False),
            keep_world_writable=self.expect.get("keep-world-writable", False),
            exclusive=self.expect.get("exclusive", False),
            sqlite_directories=self.expect.get("sqlite-directories", True),
        )

    def check(self, what, passed, details=()):
        if not passed and self.s.requires:
            details = [f"(this scenario needs {self.s.requires})", *details]
        return self.r.check(f"{self.label}: {what}", passed, details)

    def equal(self, what, actual, expected):
        return self.check(
            what, actual == expected, [f"expected: {expected!r}", f"actual:   {actual!r}"]
        )

    def run(self):
        lc = self.lc
        lc.prepare(self.s.app, self.s.env, self.s.process_env)
        apply_tweaks(lc.workspace, self.s)
        lc.give_to_build_user()
        before = tree.snapshot(lc.workspace)
        roots = self.expect.get("roots", [])
        databases = {
            rel
            for rel in contract.root_rels(roots)
            if rel in before and contract.is_database(lc.workspace / rel, before[rel])
        }
        for db in self.s.sqlite:
            self.check(
                f"setup made {db['path']} a real SQLite database the selection names",
                db["path"] in databases,
                [f"databases among the roots: {sorted(databases)}"],
            )
        prediction = predict.predict(
            before, roots, lc.build_user, self.policy, self.expect.get("created", []), databases
        )

        detect = lc.detect()
        expected_detect = self.expect.get("detect", 0)
        if not self.check_exit("detect", detect, expected_detect):
            return
        self.check(
            "detect writes nothing (app dir, layers dir, build plan unchanged)",
            tree.snapshot(lc.workspace) == before
            and not any(lc.layers.iterdir())
            and (lc.plan / "detect-plan.toml").read_bytes() == b"",
        )
        if expected_detect == 100:
            self.check_not_opted_in(detect)
            return
        if expected_detect == ERROR:
            self.check_error_output("detect", detect)
        elif detect.stdout.strip():
            self.check("detect prints nothing on stdout when it passes", False, detect.describe())

        build = lc.build()
        expected_build = self.expect.get("build", ERROR if expected_detect == ERROR else 0)
        if expected_build == 0 and prediction.fails:
            expected_build = ERROR  # the platform's layout leaves the build user unable to do it
        if not self.check_exit("build", build, expected_build):
            return
        if expected_build == ERROR:
            self.check_error_output("build", build)
            if prediction.fails:
                self.check_platform_failure(build, prediction)
            self.check(
                "a failed build changes no mode",
                self.modes(tree.snapshot(lc.workspace)) == self.modes(before),
                tree.mode_diff(self.modes(tree.snapshot(lc.workspace)), self.modes(before)),
            )
            return
        self.check_build(before, build, prediction, databases)

    def modes(self, snap):
        return {rel: e.mode for rel, e in snap.items()}

    def check_exit(self, phase, outcome, expected):
        passed, wanted = process.exit_matches(outcome, expected)
        self.check(f"{phase} exits {wanted}", passed, outcome.describe())
        return passed

    def check_not_opted_in(self, detect):
        lines = [line for line in detect.stdout.splitlines() if line.strip()]
        opt_in = re.compile(r"BP_GROUP_WRITABLE|utility\.group-writable")
        self.check(
            "detect explains in one sentence how to opt in",
            len(lines) == 1 and opt_in.search(lines[0]) is not None,
            detect.describe(),
        )
        self.check(
            "detect (not opted in) prints nothing on stderr and no backtrace",
            detect.stderr.strip() == "",
            detect.describe(),
        )

    def check_error_output(self, phase, outcome):
        """An error exit renders a `!` block naming the file, line and key the scenario expects."""
        text = outcome.stderr
        self.check(
            f"{phase} renders an error block starting with `!` on stderr",
            any(line.lstrip().startswith("!") for line in text.splitlines()),
            outcome.describe(),
        )
        for name in self.expect.get("error-names", []):
            regex = re.compile(name)
            self.check(
                f"{phase} error names {name!r}", regex.search(text) is not None, outcome.describe()
            )
        self.check(
            f"{phase} does not crash (no backtrace)",
            not process.has_backtrace(text) and not process.has_backtrace(outcome.stdout),
            outcome.describe(),
        )

    def check_platform_failure(self, build, prediction):
        """The platform left entries the build user cannot change (Tekton's `chown -R` to another
        uid): the error names them and the platform-side fix."""
        text = build.stderr
        uid = self.lc.build_user[0]
        if prediction.create_failed:
            rel = prediction.create_failed[0]
            self.check(
                f"the error says `create` could not make {rel}: EACCES",
                "Cannot create a directory listed in `create`" in text
                and f"Creating `{rel}` failed: EACCES" in text,
                build.describe(),
            )
            parent = os.path.dirname(rel.rstrip("/"))
            name = f"`{parent}`" if parent else "the app directory"
            info = os.lstat(os.path.join(self.lc.workspace, parent))
            owned = (
                f"Its parent, {name}, is owned by uid {info.st_uid} with mode "
                f"{info.st_mode & 0o7777:o}"
            )
            self.check(
                f"the error names the owner and mode of {name}", owned in text, build.describe()
            )
            if self.platform.source_owner:
                self.check(
                    "the error says a platform step handed the source over (Tekton's `chown -R`)",
                    "Tekton's `buildpacks` task runs `chown -R`" in text,
                    build.describe(),
                )
                self.check(
                    "the error names Tekton's fix: set `USER_ID` and `GROUP_ID`",
                    "for Tekton, set the task's `USER_ID` and `GROUP_ID`" in text,
                    build.describe(),
                )
            return
        failed = prediction.failed
        title = f"! Cannot give the group write access to {len(failed)} path" + (
            "" if len(failed) == 1 else "s"
        )
        self.check(f"the error says {title[2:]!r}", title in text.splitlines(), build.describe())
        owner = self.platform.contents_owner(self.layout)[0]
        for rel in failed[:5]:
            shown = rel + "/" if prediction.kinds[rel] == "d" else rel
            line = f"! - `{shown}`: owned by uid {owner}; the build user is uid {uid}"
            self.check(
                f"the error lists {shown} with its owner",
                line in text.splitlines(),
                build.describe(),
            )
        if self.platform.source_owner:
            self.check(
                "the error names Tekton's fix: set `USER_ID` and `GROUP_ID`",
                "for Tekton, set the task's `USER_ID` and `GROUP_ID`" in text,
                build.describe(),
            )

    def check_build(self, before, build, prediction, databases):
        after = tree.snapshot(self.lc.workspace)
        self.check_build_header(build)
        actual = self.check_app_after(before, after, prediction)
        report, _ = self.lc.read_toml(self.lc.layers / cnb.LAYER_NAME / "report.toml")
        self.check_patterns_output(build, report)
        self.check_debug_listing(build, before, after)
        self.check_layer_files(self.expect.get("roots", []), prediction)
        self.check_platform_warnings(build, report or {}, prediction)
        image = self.check_export(actual)
        self.check_architecture()
        self.check_sqlite(databases)
        self.check_probes(image, before, prediction, databases)
