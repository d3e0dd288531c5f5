"""Runs one adversarial `Case`: lays out its tree, runs detect and build as the build user, and
checks the exit codes, the messages, the mode of every entry inside and outside the app dir, the
commands run afterwards and, after an export, what the run user can write."""

import re

import cnb
import contract
import lifecycle
import probes
import process
import reporting
import tree
from case_types import Tree, prepare_outside, project_toml

# What the harness itself writes in the lifecycle root: never part of the before/after comparison.
OWN_OUTPUT = ("layers/" + cnb.LAYERS_NAME, "plan", "home", "probe.py", "mutator.py", "stop")


class CaseRun:
    def __init__(self, reporter, layout, case, buildpack, work, python):
        self.r = reporter
        self.case = case
        self.layout = layout
        self.label = f"adversarial/{layout.name}/{case.name}"
        self.lc = lifecycle.Lifecycle(work / case.name, layout, buildpack, python)

    def check(self, what, passed, details=()):
        return self.r.check(f"{self.label}: {what}", passed, details)

    def scope(self):
        """Modes of every entry of the lifecycle root but our own output: app dir and outside."""
        snap = tree.snapshot(self.lc.root)
        return {
            rel: e
            for rel, e in snap.items()
            if not any(rel == p or rel.startswith(p + "/") for p in OWN_OUTPUT)
        }

    def run(self):
        case, lc = self.case, self.lc
        lc.prepare(None, dict(case.env))
        tree = Tree(lc)
        prepare_outside(tree)
        (lc.workspace / "project.toml").write_text(
            case.project if case.project is not None else project_toml(case.patterns)
        )
        case.setup(tree)
        lc.give_to_build_user()
        if case.after_chown:
            case.after_chown(tree)
        before = self.scope()
        app_before = {
            rel[len("workspace/") :]: e for rel, e in before.items() if rel.startswith("workspace/")
        }
        app_before["."] = before["workspace"]

        options = {"umask": case.umask, "limits": case.limits}
        detect = lc.detect(**options)
        passed, wanted = process.exit_matches(detect, case.detect)
        self.check(f"detect exits {wanted}", passed, detect.describe())
        self.check(
            "detect does not crash (no backtrace, no abort)",
            not process.has_backtrace(detect.stdout + detect.stderr)
            and detect.code not in (134, -6),
            detect.describe(),
        )
        for pattern in case.detect_messages:
            self.check(
                f"detect's output matches {pattern!r}",
                re.search(pattern, detect.stdout + "\n" + detect.stderr) is not None,
                detect.describe(),
            )
        for attempt in range(case.repeat):
            stop = case.during_build(tree) if case.during_build else None
            swaps = None
            try:
                build = lc.build(timeout=case.build_timeout, measure=case.measure, **options)
            finally:
                if stop:
                    swaps = stop()
            suffix = f" (run {attempt + 1} of {case.repeat})" if case.repeat > 1 else ""
            if swaps is not None:
                self.check(
                    f"the concurrent process swapped dirs during the build{suffix}",
                    swaps > 0,
                    [f"swaps: {swaps}"],
                )
            self.check_outcome(build, before, app_before, suffix)
        for command in case.commands:
            self.check_command(command)
        if case.after_build:
            case.after_build(self, build)
        if case.exit == 0 and build.code == 0 and not case.during_build and case.probe:
            self.check_probes(app_before)

    def check_command(self, command):
        """Runs one `Command` in the app dir and checks its exit code and output."""
        binary = self.lc.buildpack.path / "bin" / "group-writable"
        argv = [str(a).replace("{gw}", str(binary)) for a in command.argv]
        user = {"build": self.layout.build, "run": self.layout.run, "root": (0, 0)}[command.user]
        out = process.run_as(
            user,
            argv,
            {"PATH": cnb.PATH_ENV, "HOME": "/nonexistent"},
            self.lc.workspace,
            limits=command.limits,
        )
        shown = " ".join(reporting.escape(a, 60) for a in ["group-writable"] + argv[1:])
        if command.limits:
            shown += f" (prlimit {' '.join(command.limits)})"
        self.check(f"`{shown}` exits {command.exit}", out.code == command.exit, out.describe())
        text = out.stdout + "\n" + out.stderr
        self.check(f"`{shown}` does not crash", not process.has_backtrace(text), out.describe())
        for pattern in command.messages:
            self.check(
                f"`{shown}` output matches {pattern!r}",
                re.search(pattern, text) is not None,
                out.describe(),
            )
        for pattern in command.absent:
            line = reporting.line_matching(text, re.compile(pattern))
            self.check(
                f"`{shown}`: no output line matches {pattern!r}",
                line is None,
                [f"line: {reporting.escape(line or '')}"],
            )
        if command.stdout is not None:
            self.r.equal(
                f"{self.label}: `{shown}` prints exactly the expected lines",
                out.stdout,
                command.stdout,
            )
        return out

    def check_outcome(self, build, before, app_before, suffix):
        self.check_output(build, suffix)
        self.check_modes(before, app_before, suffix)

    def check_output(self, build, suffix):
        """The build's exit status, no crash, the messages (and the absent ones), report.toml's
        warnings."""
        case = self.case
        passed, wanted = process.exit_matches(build, case.exit)
        if build.timed_out:
            wanted += f" within {case.build_timeout}s"
        self.check(f"build exits {wanted}{suffix}", passed, build.describe())
        text = build.stdout + "\n" + build.stderr
        self.check(
            f"build does not crash (no backtrace){suffix}",
            not process.has_backtrace(text),
            build.describe(),
        )
        for message in case.messages:
            what, pattern = message if isinstance(message, tuple) else (None, message)
            regex = re.compile(pattern.replace("{build_uid}", str(self.layout.build[0])))
            what = what or f"output matches {regex.pattern!r}"
            self.check(f"{what}{suffix}", regex.search(text) is not None, build.describe())
        for pattern in case.absent:
            regex = re.compile(pattern)
            line = next((ln for ln in text.splitlines() if regex.search(ln)), None)
            self.check(
                f"no output line matches {reporting.escape(pattern)!r}{suffix}",
                line is None,
                [f"line: {reporting.escape(line or '')}"],
            )
        if case.warnings and case.exit == 0:
            report, error = self.lc.read_toml(self.lc.layers / cnb.LAYER_NAME / "report.toml")
            warnings = [str(w) for w in (report or {}).get("warnings", [])]
            for pattern in case.warnings:
                self.check(
                    f"report.toml has a warning matching {pattern!r}{suffix}",
                    any(re.search(pattern, w) for w in warnings),
                    [error or f"warnings: {warnings!r}"],
                )

    def check_modes(self, before, app_before, suffix):
        """Every entry outside the app dir keeps its mode; inside, the contract's modes (or, when
        the selection may or may not have changed, the unselected entries' own); no file written."""
        case = self.case
        after = self.scope()
        outside = {rel: e.mode for rel, e in before.items() if not rel.startswith("workspace")}
        outside_after = {rel: e.mode for rel, e in after.items() if not rel.startswith("workspace")}
        self.check(
            f"every entry outside the app dir keeps its mode ({len(outside)} entries:"
            f" another layer, a dir of the build user){suffix}",
            outside_after == outside,
            tree.mode_diff(outside_after, outside),
        )
        app_after = {
            rel[len("workspace/") :]: e.mode
            for rel, e in after.items()
            if rel.startswith("workspace/")
        }
        app_after["."] = after["workspace"].mode
        # Created dirs get 0755 (then the group's bits) whatever the umask: the contract's modes.
        expected = contract.expected_modes(app_before, case.roots, created=case.created)
        expected.update(case.modes)
        if case.exact_selection:
            self.check(
                f"every entry of the app dir has exactly the contract's mode{suffix}",
                app_after == expected,
                tree.mode_diff(app_after, expected),
            )
        else:
            unselected = {
                rel: m
                for rel, m in expected.items()
                if not contract.in_roots(rel, case.roots) and rel in app_after
            }
            actual = {rel: app_after[rel] for rel in unselected}
            self.check(
                f"every unselected entry of the app dir keeps its mode{suffix}",
                actual == unselected,
                tree.mode_diff(actual, unselected),
            )
        touched = tree.content_changes(before, after)
        self.check(
            f"no file inside or outside the app dir is written{suffix}", not touched, touched[:20]
        )
        for rel in case.unchanged:
            self.check(
                f"{reporting.escape(rel)} keeps its mode{suffix}",
                rel in app_before and app_after.get(rel) == app_before[rel].mode,
                [f"before {app_before.get(rel)}, after {app_after.get(rel)}"],
            )

    def check_probes(self, app_before):
        lc = self.lc
        if max(len(rel) for rel in app_before) < 3000:
            lc.export()
            target, where = lc.image_workspace, "the exported image"
        else:  # GNU tar cannot extract paths beyond PATH_MAX: probe the app dir itself
            target, where = lc.workspace, "the app dir (too deep for tar to export)"
        image = tree.snapshot(target)
        # What the build saw decides: a hard link to a file outside the app is a single link in
        # the image, but the build had to leave it alone.
        writable = {
            rel
            for rel, e in app_before.items()
            if contract.in_roots(rel, self.case.roots)
            and (e.kind == "d" or (e.kind == "f" and e.nlink == 1 and not e.mode & 0o6000))
        }
        writable |= {rel for rel in self.case.created if contract.in_roots(rel, self.case.roots)}
        parents = {rel.rsplit("/", 1)[0] for rel in image if "/" in rel}
        # Deep chains: probe the first levels and the bottom, not each of thousands of levels.
        sample = {rel: e for rel, e in image.items() if rel.count("/") < 50 or rel not in parents}
        plan = probes.probe_plan(sample, target, writable)
        results = lc.probe([(a, p) for a, p, _ in plan])
        base = len(str(target)) + 1
        wrong = [
            f"{a} {reporting.escape(p[base:])[:120]}: expected {'success' if want else 'EACCES'},"
            f" got {results[(a, p)][1] or 'success'}"
            for a, p, want in plan
            if results[(a, p)][0] != want
        ]
        run = "%d:%d" % self.layout.run
        self.check(
            f"run user {run} can write exactly the selected entries of {where}"
            f" ({len(plan)} probes)",
            not wrong,
            wrong[:30],
        )
