"""The fixture suite: every scenario in integration/fixtures/*/scenario.toml, for every user layout.

A scenario names an app tree, the platform env, a few tweaks of the tree, and what must come out:
detect's and build's exit, the writable roots, the dirs `create` makes, the patterns' match counts,
lines of output and warnings. Everything else (mode of every entry, what the run user can write) is
derived from those expectations and the contract's mode rule, and checked on the real result.
"""

import dataclasses
import json
import os
import re
import shutil
import tomllib
from pathlib import Path

import gwit

SCENARIO_KEYS = {"description", "app", "files", "modes", "remove", "env", "process-env", "expect"}
EXPECT_KEYS = {"detect", "build", "roots", "created", "setgid", "patterns", "stdout", "stderr",
               "warnings", "error-names"}
ERROR = gwit.ERROR


@dataclasses.dataclass
class Scenario:
    name: str
    description: str
    app: Path | None
    files: list
    modes: dict
    remove: list
    env: dict
    process_env: dict
    expect: dict


def load_scenarios(fixtures_dir, repo):
    scenarios = []
    for path in sorted(Path(fixtures_dir).glob("*/scenario.toml")):
        with open(path, "rb") as f:
            data = tomllib.load(f)
        unknown = set(data) - SCENARIO_KEYS
        unknown_expect = set(data.get("expect", {})) - EXPECT_KEYS
        if unknown or unknown_expect:
            raise ValueError(f"{path}: unknown keys {sorted(unknown | unknown_expect)}")
        app = data.get("app")
        if app is None:
            app_dir = path.parent / "app"
        elif app == "":
            app_dir = None
        else:
            app_dir = Path(repo) / app
        if app_dir is not None and not app_dir.is_dir():
            raise ValueError(f"{path}: app dir {app_dir} does not exist")
        scenarios.append(Scenario(
            name=path.parent.name,
            description=data.get("description", ""),
            app=app_dir,
            files=data.get("files", []),
            modes=data.get("modes", {}),
            remove=data.get("remove", []),
            env=data.get("env", {}),
            process_env=data.get("process-env", {}),
            expect=data.get("expect", {}),
        ))
    return scenarios


def apply_tweaks(workspace, scenario):
    """Removes, adds and re-modes files of the copied app as the scenario says (as root)."""
    for rel in scenario.remove:
        target = workspace / rel
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink()
    for item in scenario.files:
        target = workspace / item["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.get("content", "").encode())
        os.chmod(target, int(item.get("mode", "644"), 8))
    for rel, mode in scenario.modes.items():
        os.chmod(workspace / rel, int(mode, 8))


def run(reporter, layouts, scenarios, buildpack, work, python):
    for layout in layouts:
        for scenario in scenarios:
            gwit.run_guarded(reporter,
                             ScenarioRun(reporter, layout, scenario, buildpack, work, python))


def shows_count(text, pattern, count):
    """Whether a line of `text` shows `pattern` and, outside the pattern and any parenthesised
    source such as `(project.toml paths:1)`, the number `count`."""
    number = re.compile(rf"(?<![\d.]){count}(?![\d.])")
    for line in text.splitlines():
        if pattern in line:
            rest = re.sub(r"\([^)]*\)", "", line.replace(pattern, ""))
            if number.search(rest):
                return True
    return False


class ScenarioRun:
    """Detect, build, export and probe one scenario under one user layout."""

    def __init__(self, reporter, layout, scenario, buildpack, work, python):
        self.r = reporter
        self.layout = layout
        self.s = scenario
        self.expect = scenario.expect
        self.label = f"{layout.name}/{scenario.name}"
        self.lc = gwit.Lifecycle(Path(work) / self.label.replace("/", "-"), layout, buildpack,
                                 python)
        self.version = buildpack.version

    def check(self, what, passed, details=()):
        return self.r.check(f"{self.label}: {what}", passed, details)

    def run(self):
        lc = self.lc
        lc.prepare(self.s.app, self.s.env, self.s.process_env)
        apply_tweaks(lc.workspace, self.s)
        lc.give_to_build_user()
        before = gwit.snapshot(lc.workspace)

        detect = lc.detect()
        expected_detect = self.expect.get("detect", 0)
        if not self.check_exit("detect", detect, expected_detect):
            return
        self.check("detect writes nothing (app dir, layers dir, build plan unchanged)",
                   gwit.snapshot(lc.workspace) == before and not any(lc.layers.iterdir())
                   and (lc.plan / "detect-plan.toml").read_bytes() == b"")
        if expected_detect == 100:
            self.check_not_opted_in(detect)
            return
        if expected_detect == ERROR:
            self.check_error_output("detect", detect)
        elif detect.stdout.strip():
            self.check("detect prints nothing on stdout when it passes", False, detect.describe())

        build = lc.build()
        expected_build = self.expect.get("build", ERROR if expected_detect == ERROR else 0)
        if not self.check_exit("build", build, expected_build):
            return
        if expected_build == ERROR:
            self.check_error_output("build", build)
            self.check("a failed build changes no mode", self.modes(gwit.snapshot(lc.workspace))
                       == self.modes(before), gwit.mode_diff(
                           self.modes(gwit.snapshot(lc.workspace)), self.modes(before)))
            return
        self.check_build(before, build)

    def modes(self, snap):
        return {rel: e.mode for rel, e in snap.items()}

    def check_exit(self, phase, outcome, expected):
        passed, wanted = gwit.exit_matches(outcome, expected)
        self.check(f"{phase} exits {wanted}", passed, outcome.describe())
        return passed

    def check_not_opted_in(self, detect):
        lines = [line for line in detect.stdout.splitlines() if line.strip()]
        opt_in = re.compile(r"BP_GROUP_WRITABLE|utility\.group-writable")
        self.check("detect explains in one sentence how to opt in",
                   len(lines) == 1 and opt_in.search(lines[0]) is not None, detect.describe())
        self.check("detect (not opted in) prints nothing on stderr and no backtrace",
                   detect.stderr.strip() == "", detect.describe())

    def check_error_output(self, phase, outcome):
        """An error exit renders a `!` block naming the file, line and key the scenario expects."""
        text = outcome.stderr
        self.check(f"{phase} renders an error block starting with `!` on stderr",
                   any(line.lstrip().startswith("!") for line in text.splitlines()),
                   outcome.describe())
        for name in self.expect.get("error-names", []):
            regex = re.compile(name)
            self.check(f"{phase} error names {name!r}", regex.search(text) is not None,
                       outcome.describe())
        self.check(f"{phase} does not crash (no backtrace)", not gwit.has_backtrace(text)
                   and not gwit.has_backtrace(outcome.stdout), outcome.describe())

    def check_build(self, before, build):
        lc = self.lc
        roots = self.expect.get("roots", [])
        created = self.expect.get("created", [])
        setgid = self.expect.get("setgid", False)
        after = gwit.snapshot(lc.workspace)

        lines = build.stdout.splitlines()
        self.check(f"build output starts with `## Group-Writable Paths (v{self.version})`",
                   bool(lines) and lines[0] == f"## Group-Writable Paths (v{self.version})",
                   build.describe())
        self.check("build prints no backtrace", not gwit.has_backtrace(build.stdout + build.stderr),
                   build.describe())
        gid = self.layout.build[1]
        self.check(f"build output names the group id {gid} that will own the files",
                   re.search(rf"(?i)group.*\b{gid}\b", build.stdout) is not None, build.describe())

        for rel in created:
            entry = after.get(rel)
            self.check(f"build creates {rel}/", entry is not None and entry.kind == "d",
                       [f"entry: {entry}"])
        expected = gwit.expected_modes(before, roots, setgid, created)
        actual = self.modes(after)
        self.check("mode of every entry in the app dir is exactly as the contract says",
                   actual == expected, gwit.mode_diff(actual, expected))
        uid, gid = self.layout.build
        foreign = [rel for rel, e in after.items() if (e.uid, e.gid) != (uid, gid)]
        self.check("every entry stays owned by the build user", not foreign, foreign[:20])
        touched = gwit.content_changes(before, after)
        self.check("no file of the app dir is written (sizes and mtimes unchanged)", not touched,
                   touched[:20])

        self.check_patterns_output(build)
        self.check_debug_listing(build, before, after)
        self.check_layer_files(roots, before, after, setgid)

        lc.export()
        image = gwit.snapshot(lc.image_workspace)
        self.check("exported image keeps every mode of the app dir",
                   self.modes(image) == actual, gwit.mode_diff(self.modes(image), actual))
        self.check_probes(image, roots, before, setgid)

    def check_patterns_output(self, build):
        report, _ = self.lc.read_toml(self.lc.layers / gwit.LAYER_NAME / "report.toml")
        reported = (report or {}).get("patterns", [])
        for want in self.expect.get("patterns", []):
            pattern, matches = want["pattern"], want["matches"]
            found = [p for p in reported if p.get("pattern") == pattern]
            self.check(f"report.toml counts {matches} match(es) for pattern {pattern!r}",
                       len(found) == 1 and found[0].get("matches") == matches
                       and ("source" not in want or want["source"] in str(found[0].get("source"))),
                       [f"reported patterns: {reported!r}"])
            self.check(f"build output shows pattern {pattern!r} with its count {matches}",
                       shows_count(build.stdout, pattern, matches), build.describe())
        for text in self.expect.get("stdout", []):
            regex = re.compile(text)
            self.check(f"build output has a line matching {text!r}",
                       gwit.line_matching(build.stdout, regex) is not None, build.describe())
        for text in self.expect.get("warnings", []):
            regex = re.compile(text)
            warnings = [str(w) for w in (report or {}).get("warnings", [])]
            self.check(f"report.toml has a warning matching {text!r}",
                       any(regex.search(w) for w in warnings), [f"warnings: {warnings!r}"])
            self.check(f"build output warns matching {text!r}",
                       gwit.line_matching(build.stdout + build.stderr, regex) is not None,
                       build.describe())

    def check_debug_listing(self, build, before, after):
        if self.s.env.get("BP_LOG_LEVEL", "").upper() != "DEBUG":
            return
        changed = [rel for rel, e in after.items()
                   if rel not in before or before[rel].mode != e.mode]
        missing = [rel for rel in changed if rel.rstrip("/") not in build.stdout]
        self.check(f"BP_LOG_LEVEL=DEBUG lists each of the {len(changed)} changed paths",
                   bool(changed) and not missing, [f"not listed: {missing}"] + build.describe())

    def check_layer_files(self, roots, before, after, setgid):
        lc = self.lc
        layer_dir = lc.layers / gwit.LAYER_NAME
        self.check("build creates the launch layer dir", layer_dir.is_dir())
        meta, error = lc.read_toml(lc.layers / f"{gwit.LAYER_NAME}.toml")
        if self.check(f"{gwit.LAYER_NAME}.toml parses with tomllib", meta is not None, [error]):
            self.check(f"{gwit.LAYER_NAME}.toml: [types] launch = true",
                       meta.get("types", {}).get("launch") is True, [repr(meta)])
            md = meta.get("metadata", {})
            self.r.equal(f"{self.label}: {gwit.LAYER_NAME}.toml: metadata.version",
                         md.get("version"), self.version)
            self.r.equal(f"{self.label}: {gwit.LAYER_NAME}.toml: metadata.roots",
                         sorted(md.get("roots", [])), sorted(roots))
            self.r.equal(f"{self.label}: {gwit.LAYER_NAME}.toml: metadata.roots-total",
                         md.get("roots-total"), len(roots))
            md_counts = md.get("counts", {})
            counts = {k: md_counts.get(k) for k in ("directories-changed", "files-changed",
                                                    "already-writable", "skipped")}
            self.check(f"{gwit.LAYER_NAME}.toml: metadata has integer counts",
                       all(isinstance(v, int) and v >= 0 for v in counts.values()), [repr(md)])
            changed_files = sum(1 for rel, e in after.items()
                                if e.kind == "f" and rel in before and before[rel].mode != e.mode)
            self.r.equal(f"{self.label}: {gwit.LAYER_NAME}.toml: files-changed = files whose mode"
                         " changed", counts["files-changed"], changed_files)
            changed_dirs = sum(1 for rel, e in after.items() if e.kind == "d" and (
                rel not in before or before[rel].mode != e.mode))
            reported_dirs = ((counts["directories-changed"] or 0)
                             + (md_counts.get("ancestors-changed") or 0))
            self.r.equal(f"{self.label}: {gwit.LAYER_NAME}.toml: directories-changed (with"
                         " ancestors-changed) = dirs created or whose mode changed",
                         reported_dirs, changed_dirs)
            already = sum(1 for rel, e in before.items() if gwit.in_roots(rel, roots)
                          and (rel != "." or "./" in roots)
                          and (e.kind == "d" or (e.kind == "f" and e.nlink == 1
                                                 and not e.mode & 0o6000))
                          and gwit.granted(e, setgid) == e.mode)
            self.r.equal(f"{self.label}: {gwit.LAYER_NAME}.toml: already-writable = selected"
                         " entries that had the group bits", counts["already-writable"], already)
        report, error = lc.read_toml(layer_dir / "report.toml")
        if self.check("report.toml parses with tomllib", report is not None, [error]):
            self.r.equal(f"{self.label}: report.toml: version", report.get("version"), self.version)
            self.r.equal(f"{self.label}: report.toml: roots", sorted(report.get("roots", [])),
                         sorted(roots))
            if meta is not None:
                summary = {k: v for k, v in meta.get("metadata", {}).get("counts", {}).items()
                           if k.endswith("-changed") or k in ("already-writable", "skipped")}
                in_report = report.get("counts", report)
                self.r.equal(f"{self.label}: report.toml counts agree with"
                             f" {gwit.LAYER_NAME}.toml", {k: in_report.get(k) for k in summary},
                             summary)
            patterns = report.get("patterns", [])
            self.check("report.toml: every [[patterns]] has pattern, source, line, matches",
                       all({"pattern", "source", "line", "matches"} <= set(p) for p in patterns),
                       [repr(patterns)])
        launch, error = lc.read_toml(lc.layers / "launch.toml")
        if self.check("launch.toml parses with tomllib", launch is not None, [error]):
            labels = [l for l in launch.get("labels", []) if l.get("key") == gwit.LABEL_KEY]
            value = None
            if len(labels) == 1:
                try:
                    value = json.loads(labels[0].get("value", ""))
                except ValueError:
                    value = None
            self.check(f"launch.toml label {gwit.LABEL_KEY} is a JSON array of the roots",
                       isinstance(value, list) and sorted(value) == sorted(roots),
                       [repr(launch.get("labels"))])

    def check_probes(self, image, roots, before, setgid):
        """Real writes as the run user: exactly the selected entries (and what was group-writable
        already) can be written; the layer cannot."""
        lc = self.lc
        writable = set()
        for rel, entry in image.items():
            if gwit.in_roots(rel, roots):
                ordinary = entry.kind == "d" or (entry.kind == "f" and entry.nlink == 1
                                                 and not entry.mode & 0o6000)
                if ordinary:
                    writable.add(rel)
            elif rel in before and before[rel].mode & 0o020 and before[rel].kind in "df":
                writable.add(rel)
        plan = gwit.probe_plan(image, lc.image_workspace, writable)
        layer = gwit.snapshot(lc.image_layer)
        plan += gwit.probe_plan(layer, lc.image_layer, set())
        results = lc.probe([(a, p) for a, p, _ in plan])
        base = str(lc.image)
        wrong_yes = [f"{a} {p[len(base) + 1:]}" for a, p, want in plan
                     if not want and results[(a, p)][0]]
        wrong_no = [f"{a} {p[len(base) + 1:]}: {results[(a, p)][1]}" for a, p, want in plan
                    if want and not results[(a, p)][0]]
        run = "%d:%d" % self.layout.run
        n_yes = sum(1 for *_, want in plan if want)
        self.check(f"run user {run} can write each of the {n_yes} selected entries",
                   n_yes > 0 and not wrong_no, wrong_no[:30])
        self.check(f"run user {run} cannot write any of the other {len(plan) - n_yes} entries"
                   " (app dir and layer)", not wrong_yes, wrong_yes[:30])
        if setgid:
            modes = [results[(a, p)][2] for a, p, want in plan if a == "mkdir"]
            self.check("a dir the run user makes in a setgid dir inherits setgid",
                       bool(modes) and all(m is not None and m & 0o2000 for m in modes),
                       [repr(modes)])
