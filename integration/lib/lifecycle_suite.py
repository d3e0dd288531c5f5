"""The fixture suite: every scenario in integration/fixtures/*/scenario.toml, for every user layout
and each platform layout the scenario names.

A scenario names an app tree, the platform env, a few tweaks of the tree, and what must come out:
detect's and build's exit, the writable roots, the dirs `create` makes, the patterns' match counts,
lines of output and warnings. Everything else (mode of every entry, the counts, the platform's
warnings, what the run user and a user outside the group can write, whether SQLite can write) is
derived from those expectations, the platform's layout and the contract's mode rule, and checked
on the real result.
"""

import dataclasses
import json
import os
import re
import shutil
import sqlite3
import tomllib
from pathlib import Path

import cnb
import contract
import emulation
import lifecycle
import probes
import process
import reporting
import tree
import users

SCENARIO_KEYS = {"description", "app", "files", "modes", "remove", "env", "process-env", "expect",
                 "platforms", "sqlite", "requires"}
EXPECT_KEYS = {"detect", "build", "roots", "created", "setgid", "patterns", "stdout", "stderr",
               "warnings", "error-names", "exclusive", "keep-world-writable",
               "sqlite-directories", "sqlite-write", "platform"}
ERROR = cnb.ERROR
PLATFORM_NAMES = {p.name for p in users.PLATFORMS}


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
    platforms: list  # names of the platform layouts it runs under
    sqlite: list  # [{path, journal}]: real SQLite databases made at setup and written after export
    requires: str  # what the scenario needs that may not be there yet (shown with its failures)

    def expect_for(self, platform):
        """The expectations, with the scenario's `[expect.platform.NAME]` table over them."""
        merged = {k: v for k, v in self.expect.items() if k != "platform"}
        merged.update(self.expect.get("platform", {}).get(platform.name, {}))
        return merged


def load_scenarios(fixtures_dir, repo):
    scenarios = []
    for path in sorted(Path(fixtures_dir).glob("*/scenario.toml")):
        with open(path, "rb") as f:
            data = tomllib.load(f)
        unknown = set(data) - SCENARIO_KEYS
        unknown_expect = set(data.get("expect", {})) - EXPECT_KEYS
        if unknown or unknown_expect:
            raise ValueError(f"{path}: unknown keys {sorted(unknown | unknown_expect)}")
        platforms = data.get("platforms", [users.IDEALISED.name])
        if platforms == "all":
            platforms = [p.name for p in users.PLATFORMS]
        overridden = set(data.get("expect", {}).get("platform", {}))
        if not isinstance(platforms, list) or set(platforms) - PLATFORM_NAMES or (
                overridden - set(platforms)):
            raise ValueError(f"{path}: platforms must be \"all\" or names from"
                             f" {sorted(PLATFORM_NAMES)} (and [expect.platform.*] among them)")
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
            platforms=platforms,
            sqlite=data.get("sqlite", []),
            requires=data.get("requires", ""),
        ))
    return scenarios


def apply_tweaks(workspace, scenario):
    """Removes, adds and re-modes files of the copied app as the scenario says (as root); makes its
    SQLite databases with Python's sqlite3 (before `modes`, which may re-mode them)."""
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
    for db in scenario.sqlite:
        make_database(workspace / db["path"], db.get("journal", "delete"))
    for rel, mode in scenario.modes.items():
        os.chmod(workspace / rel, int(mode, 8))


def make_database(path, journal):
    """A real SQLite database with one row in table `gw_probe`, in `journal` mode (`delete`, the
    rollback journal, or `wal`, which SQLite keeps in the file's header), with no side files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    try:
        mode = connection.execute(f"PRAGMA journal_mode={journal}").fetchone()[0]
        if mode != journal:
            raise RuntimeError(f"{path}: journal mode {mode}, not {journal}")
        connection.execute("CREATE TABLE gw_probe (id INTEGER PRIMARY KEY, who TEXT)")
        connection.execute("INSERT INTO gw_probe (who) VALUES ('build')")
        connection.commit()
    finally:
        connection.close()
    for suffix in ("-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.chmod(path, 0o644)


def matrix(layouts, platforms, scenarios, reduced=False):
    """The (layout, platform, scenario) runs: every scenario on each platform it names, under every
    user layout; `reduced`, under one layout each, rotating (the layout of scenario s on platform p
    is number p + s), so every scenario, every platform and every (platform, layout) pair of the core
    scenarios still runs, in a third of the runs."""
    runs = []
    for p, platform in enumerate(platforms):
        for s, scenario in enumerate(scenarios):
            if platform.name not in scenario.platforms:
                continue
            for layout in [layouts[(p + s) % len(layouts)]] if reduced else layouts:
                runs.append((layout, platform, scenario))
    order = {layout.name: i for i, layout in enumerate(layouts)}
    return sorted(runs, key=lambda run: order[run[0].name])  # layout by layout, as before


def run(reporter, runs, buildpack, work, python):
    for layout, platform, scenario in runs:
        reporting.run_guarded(reporter, ScenarioRun(reporter, layout, platform, scenario, buildpack,
                                               work, python))


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
    """Detect, build, export and probe one scenario under one user layout and one platform."""

    def __init__(self, reporter, layout, platform, scenario, buildpack, work, python):
        self.r = reporter
        self.layout = layout
        self.platform = platform
        self.s = scenario
        self.expect = scenario.expect_for(platform)
        self.label = f"{layout.name}/{platform.name}/{scenario.name}"
        self.lc = lifecycle.Lifecycle(Path(work) / self.label.replace("/", "-"), layout, buildpack,
                                 python, platform)
        self.version = buildpack.version
        self.policy = contract.Policy(
            setgid=self.expect.get("setgid", False),
            keep_world_writable=self.expect.get("keep-world-writable", False),
            exclusive=self.expect.get("exclusive", False),
            sqlite_directories=self.expect.get("sqlite-directories", True))

    def check(self, what, passed, details=()):
        if not passed and self.s.requires:
            details = [f"(this scenario needs {self.s.requires})", *details]
        return self.r.check(f"{self.label}: {what}", passed, details)

    def equal(self, what, actual, expected):
        return self.check(what, actual == expected,
                          [f"expected: {expected!r}", f"actual:   {actual!r}"])

    def run(self):
        lc = self.lc
        lc.prepare(self.s.app, self.s.env, self.s.process_env)
        apply_tweaks(lc.workspace, self.s)
        lc.give_to_build_user()
        before = tree.snapshot(lc.workspace)
        roots = self.expect.get("roots", [])
        databases = {rel for rel in contract.root_rels(roots) if rel in before
                     and contract.is_database(lc.workspace / rel, before[rel])}
        for db in self.s.sqlite:
            self.check(f"setup made {db['path']} a real SQLite database the selection names",
                       db["path"] in databases, [f"databases among the roots: {sorted(databases)}"])
        prediction = contract.predict(before, roots, lc.build_user, self.policy,
                                  self.expect.get("created", []), databases)

        detect = lc.detect()
        expected_detect = self.expect.get("detect", 0)
        if not self.check_exit("detect", detect, expected_detect):
            return
        self.check("detect writes nothing (app dir, layers dir, build plan unchanged)",
                   tree.snapshot(lc.workspace) == before and not any(lc.layers.iterdir())
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
        if expected_build == 0 and prediction.fails:
            expected_build = ERROR  # the platform's layout leaves the build user unable to do it
        if not self.check_exit("build", build, expected_build):
            return
        if expected_build == ERROR:
            self.check_error_output("build", build)
            if prediction.fails:
                self.check_platform_failure(build, prediction)
            self.check("a failed build changes no mode", self.modes(tree.snapshot(lc.workspace))
                       == self.modes(before), tree.mode_diff(
                           self.modes(tree.snapshot(lc.workspace)), self.modes(before)))
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
        self.check(f"{phase} does not crash (no backtrace)", not process.has_backtrace(text)
                   and not process.has_backtrace(outcome.stdout), outcome.describe())

    def check_platform_failure(self, build, prediction):
        """The platform left entries the build user cannot change (Tekton's `chown -R` to another
        uid): the error names them and the platform-side fix."""
        text = build.stderr
        uid = self.lc.build_user[0]
        if prediction.create_failed:
            rel = prediction.create_failed[0]
            self.check(f"the error says `create` could not make {rel}: EACCES",
                       "Cannot create a directory listed in `create`" in text
                       and f"Creating `{rel}` failed: EACCES" in text, build.describe())
            parent = os.path.dirname(rel.rstrip("/"))
            name = f"`{parent}`" if parent else "the app directory"
            info = os.lstat(os.path.join(self.lc.workspace, parent))
            owned = (f"Its parent, {name}, is owned by uid {info.st_uid} with mode "
                     f"{info.st_mode & 0o7777:o}")
            self.check(f"the error names the owner and mode of {name}", owned in text,
                       build.describe())
            if self.platform.source_owner:
                self.check("the error says a platform step handed the source over (Tekton's `chown -R`)",
                           "Tekton's `buildpacks` task runs `chown -R`" in text, build.describe())
                self.check("the error names Tekton's fix: set `USER_ID` and `GROUP_ID`",
                           "for Tekton, set the task's `USER_ID` and `GROUP_ID`" in text,
                           build.describe())
            return
        failed = prediction.failed
        title = f"! Cannot give the group write access to {len(failed)} path" + (
            "" if len(failed) == 1 else "s")
        self.check(f"the error says {title[2:]!r}", title in text.splitlines(),
                   build.describe())
        owner = self.platform.contents_owner(self.layout)[0]
        for rel in failed[:5]:
            shown = rel + "/" if prediction.kinds[rel] == "d" else rel
            line = f"! - `{shown}`: owned by uid {owner}; the build user is uid {uid}"
            self.check(f"the error lists {shown} with its owner", line in text.splitlines(),
                       build.describe())
        if self.platform.source_owner:
            self.check("the error names Tekton's fix: set `USER_ID` and `GROUP_ID`",
                       "for Tekton, set the task's `USER_ID` and `GROUP_ID`" in text, build.describe())

    def check_build(self, before, build, prediction, databases):
        lc = self.lc
        roots = self.expect.get("roots", [])
        created = self.expect.get("created", [])
        after = tree.snapshot(lc.workspace)

        lines = build.stdout.splitlines()
        self.check(f"build output starts with `## Group-Writable Paths (v{self.version})`",
                   bool(lines) and lines[0] == f"## Group-Writable Paths (v{self.version})",
                   build.describe())
        self.check("build prints no backtrace", not process.has_backtrace(build.stdout + build.stderr),
                   build.describe())
        gid = lc.build_user[1]
        self.check(f"build output names the group id {gid} that will own the files",
                   re.search(rf"(?i)group.*\b{gid}\b", build.stdout) is not None, build.describe())

        for rel in created:
            entry = after.get(rel)
            self.check(f"build creates {rel}/", entry is not None and entry.kind == "d",
                       [f"entry: {entry}"])
        actual = self.modes(after)
        self.check("mode of every entry in the app dir is exactly as the contract says",
                   actual == prediction.modes, tree.mode_diff(actual, prediction.modes))
        uid = lc.build_user[0]
        moved = [rel for rel, e in after.items()
                 if (rel in before and (e.uid, e.gid) != (before[rel].uid, before[rel].gid))
                 or (rel not in before and e.uid != uid)]
        self.check("no entry changes owner (dirs the build makes belong to the build user)",
                   not moved, moved[:20])
        touched = tree.content_changes(before, after)
        self.check("no file of the app dir is written (sizes and mtimes unchanged)", not touched,
                   touched[:20])

        report, _ = lc.read_toml(lc.layers / cnb.LAYER_NAME / "report.toml")
        self.check_patterns_output(build, report)
        self.check_debug_listing(build, before, after)
        self.check_layer_files(roots, prediction)
        self.check_platform_warnings(build, report or {}, prediction)

        lc.export()
        image = tree.snapshot(lc.image_workspace)
        self.check("exported image keeps every mode of the app dir",
                   self.modes(image) == actual, tree.mode_diff(self.modes(image), actual))
        owners = {(e.uid, e.gid) for e in image.values()}
        self.equal("exported image: every entry owned by the build uid and gid", owners,
                   {lc.build_user})
        self.check_architecture()
        self.check_sqlite(databases)
        self.check_probes(image, before, prediction, databases)

    def check_architecture(self):
        """The exported launch layer's exec.d program and bin/group-writable (a link to it) are
        the buildpack's executable: the same ELF machine (an aarch64 one for linux/arm64)."""
        want = self.lc.buildpack.machine
        found = {rel: emulation.elf_machine(self.lc.image_layer / rel)
                 for rel in ("exec.d/group-writable-check", "bin/group-writable")}
        self.check(f"exported layer: exec.d/group-writable-check and bin/group-writable are"
                   f" {emulation.machine_name(want)} executables, as the buildpack's",
                   want is not None and set(found.values()) == {want},
                   [f"buildpack's bin/group-writable: {emulation.machine_name(want)}"]
                   + [f"{rel}: {emulation.machine_name(m)}" for rel, m in found.items()])

    def check_patterns_output(self, build, report):
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
                       reporting.line_matching(build.stdout, regex) is not None, build.describe())
        for text in self.expect.get("warnings", []):
            regex = re.compile(text)
            warnings = [str(w) for w in (report or {}).get("warnings", [])]
            self.check(f"report.toml has a warning matching {text!r}",
                       any(regex.search(w) for w in warnings), [f"warnings: {warnings!r}"])
            self.check(f"build output warns matching {text!r}",
                       reporting.line_matching(build.stdout + build.stderr, regex) is not None,
                       build.describe())

    def check_debug_listing(self, build, before, after):
        if self.s.env.get("BP_LOG_LEVEL", "").upper() != "DEBUG":
            return
        changed = [rel for rel, e in after.items()
                   if rel not in before or before[rel].mode != e.mode]
        missing = [rel for rel in changed if rel.rstrip("/") not in build.stdout]
        self.check(f"BP_LOG_LEVEL=DEBUG lists each of the {len(changed)} changed paths",
                   bool(changed) and not missing, [f"not listed: {missing}"] + build.describe())

    def check_layer_files(self, roots, prediction):
        lc = self.lc
        layer_dir = lc.layers / cnb.LAYER_NAME
        self.check("build creates the launch layer dir", layer_dir.is_dir())
        meta, error = lc.read_toml(lc.layers / f"{cnb.LAYER_NAME}.toml")
        expected_counts = {
            "files-changed": prediction.count(contract.GRANTED, "f"),
            "directories-changed": prediction.count(contract.GRANTED, "d"),
            "ancestors-changed": prediction.count(contract.ANCESTOR),
            "already-writable": prediction.already_writable,
            "world-write-removed": prediction.count(contract.WORLD),
            "group-write-removed": prediction.count(contract.GROUP),
            "database-directories": prediction.count(contract.DATABASE),
            "entries-changed": len(prediction.reasons),
            "failed": 0,
        }
        if self.check(f"{cnb.LAYER_NAME}.toml parses with tomllib", meta is not None, [error]):
            self.check(f"{cnb.LAYER_NAME}.toml: [types] launch = true",
                       meta.get("types", {}).get("launch") is True, [repr(meta)])
            md = meta.get("metadata", {})
            self.equal(f"{cnb.LAYER_NAME}.toml: metadata.version", md.get("version"),
                       self.version)
            self.equal(f"{cnb.LAYER_NAME}.toml: metadata.roots", sorted(md.get("roots", [])),
                       sorted(roots))
            self.equal(f"{cnb.LAYER_NAME}.toml: metadata.roots-total", md.get("roots-total"),
                       len(roots))
            md_counts = md.get("counts", {})
            self.check(f"{cnb.LAYER_NAME}.toml: metadata has integer counts",
                       all(isinstance(md_counts.get(k), int) and md_counts[k] >= 0
                           for k in ("skipped", *expected_counts)), [repr(md)])
            self.equal(f"{cnb.LAYER_NAME}.toml: counts are the contract's (entries granted,"
                       " given g+x, already writable, losing o+w or g+w, SQLite dirs opened)",
                       {k: md_counts.get(k) for k in expected_counts}, expected_counts)
        report, error = lc.read_toml(layer_dir / "report.toml")
        if self.check("report.toml parses with tomllib", report is not None, [error]):
            self.equal("report.toml: version", report.get("version"), self.version)
            self.equal("report.toml: roots", sorted(report.get("roots", [])), sorted(roots))
            if meta is not None:
                summary = {k: v for k, v in meta.get("metadata", {}).get("counts", {}).items()
                           if k.endswith("-changed") or k in ("already-writable", "skipped")}
                in_report = report.get("counts", report)
                self.equal(f"report.toml counts agree with {cnb.LAYER_NAME}.toml",
                           {k: in_report.get(k) for k in summary}, summary)
            patterns = report.get("patterns", [])
            self.check("report.toml: every [[patterns]] has pattern, source, line, matches",
                       all({"pattern", "source", "line", "matches"} <= set(p) for p in patterns),
                       [repr(patterns)])
            self.check_change_samples(report.get("changes", {}), prediction)
        launch, error = lc.read_toml(lc.layers / "launch.toml")
        if self.check("launch.toml parses with tomllib", launch is not None, [error]):
            labels = [l for l in launch.get("labels", []) if l.get("key") == cnb.LABEL_KEY]
            value = None
            if len(labels) == 1:
                try:
                    value = json.loads(labels[0].get("value", ""))
                except ValueError:
                    value = None
            self.check(f"launch.toml label {cnb.LABEL_KEY} is a JSON array of the roots",
                       isinstance(value, list) and sorted(value) == sorted(roots),
                       [repr(launch.get("labels"))])

    def shown(self, prediction, rel):
        """A path as the report shows it: `./` for the app dir, dirs with a trailing `/`."""
        if rel == ".":
            return "./"
        return rel + "/" if prediction.kinds.get(rel) == "d" else rel

    def check_change_samples(self, changes, prediction):
        """report.toml's [changes] samples: each total is the contract's, each sample path one of
        the entries the contract names, with the modes it says."""
        def with_reason(reason):
            return {self.shown(prediction, rel): (rel, why) for rel, why in
                    prediction.reasons.items() if reason in why}
        mode_samples = {
            "world-write-removed": with_reason(contract.WORLD),
            "group-write-removed": with_reason(contract.GROUP),
            "database-directories": with_reason(contract.DATABASE),
        }
        for key, wanted in mode_samples.items():
            sample = changes.get(key, {})
            first = sample.get("first", [])
            wrong = [item for item in first if item.get("path") not in wanted
                     or item.get("to") != prediction.modes[wanted[item["path"]][0]]]
            self.check(f"report.toml [changes.{key}]: total {len(wanted)}, sampled paths and"
                       " modes as the contract says", sample.get("total") == len(wanted)
                       and not wrong and bool(first) == bool(wanted), [f"sample: {sample!r}",
                                                  f"expected paths: {sorted(wanted)}"])
        kept = {self.shown(prediction, rel): modes for rel, modes in prediction.kept.items()}
        sample = changes.get("kept-by-platform", {})
        wrong = [item for item in sample.get("first", []) if kept.get(item.get("path"))
                 != (item.get("from"), item.get("to"))]
        self.check(f"report.toml [changes.kept-by-platform]: total {len(kept)}, each with its mode"
                   " and the mode the rule wanted", sample.get("total") == len(kept)
                   and not wrong and bool(sample.get("first")) == bool(kept),
                   [f"sample: {sample!r}", f"expected: {kept!r}"])
        for key, paths in (("group-writable-outside", prediction.outside_writable),
                           ("closed-directories", prediction.closed_dirs)):
            wanted = {self.shown(prediction, rel) for rel in paths}
            sample = changes.get(key, {})
            first = sample.get("first", [])
            self.check(f"report.toml [changes.{key}]: total {len(wanted)}, sampled paths among"
                       " the contract's", sample.get("total") == len(wanted)
                       and set(first) <= wanted and bool(first) == bool(wanted),
                       [f"sample: {sample!r}", f"expected: {sorted(wanted)}"])

    def check_platform_warnings(self, build, report, prediction):
        """The warnings the platform's layout calls for, by title, in report.toml and the output,
        with the platform-side fix."""
        text = build.stdout + build.stderr
        titles = [w.get("title", "") for w in report.get("warnings", []) if isinstance(w, dict)]
        messages = "\n".join(w.get("message", "") for w in report.get("warnings", [])
                             if isinstance(w, dict))

        def warned(title):
            return title in titles and f"! Warning: {title}" in text.splitlines()

        def count(n, one, many):
            return f"{n} {one if n == 1 else many}"

        title = f"{count(len(prediction.kept), 'entry', 'entries')} left as the platform made them"
        if prediction.kept:
            self.check(f"the build warns {title!r}", warned(title),
                       [f"report.toml warnings: {titles}"] + build.describe())
            root = self.lc.platform.root_owner_of(self.layout)
            if "." in prediction.kept and root[0] == 0:
                for fix in ("kpack `spec.source.subPath`", "Shipwright `spec.source.contextDir`"):
                    self.check(f"the warning names the platform's fix: {fix}",
                               fix in messages and fix in text, [messages])
        else:
            self.check("no warning about entries left as the platform made them",
                       not any(t.endswith("left as the platform made them") for t in titles),
                       [f"report.toml warnings: {titles}"])
        outside = prediction.outside_writable
        title = f"{count(len(outside), 'entry', 'entries')} outside the selection already" \
                " group-writable"
        if outside:
            self.check(f"the build warns {title!r}", warned(title),
                       [f"report.toml warnings: {titles}"] + build.describe())
            setting = ("Set `exclusive = true` in `[utility.group-writable]` (or"
                       " `BP_GROUP_WRITABLE_EXCLUSIVE=true`)")
            self.check("the warning names the `exclusive` setting", setting in messages,
                       [messages])
        else:
            self.check("no warning about group-writable entries outside the selection",
                       not any(t.endswith("outside the selection already group-writable")
                               for t in titles), [f"report.toml warnings: {titles}"])
        title = "Selected files in directories the group cannot write"
        self.check(f"the build warns {title!r} exactly when a selected file's dir stays closed"
                   f" ({len(prediction.closed_dirs)})",
                   warned(title) == bool(prediction.closed_dirs), [f"titles: {titles}"])
        opened = len(prediction.database_dirs)
        if opened:
            line = f"  - Opened {count(opened, 'SQLite database directory', 'SQLite database directories')}"
            self.check(f"the build output says it opened {opened} SQLite database dir(s)",
                       any(l.startswith(line) for l in build.stdout.splitlines()),
                       build.describe())

    def check_sqlite(self, databases):
        """Real SQLite writes after the export: an INSERT and a commit (in the database's journal
        mode) as the run user succeed when the scenario says so, and never as a user outside the
        group."""
        if not self.s.sqlite:
            return
        lc = self.lc
        script = lc.root / "sqlite_probe.py"
        shutil.copyfile(Path(__file__).with_name("sqlite_probe.py"), script)
        os.chmod(script, 0o644)
        want = self.expect.get("sqlite-write", True)
        paths = [lc.image_workspace / db["path"] for db in self.s.sqlite]
        for who, user, expected in (("the run user", lc.run_user, want),
                                    ("a user outside the group", users.OUTSIDER, False)):
            out = process.run_as(user, [lc.python, script, *paths], {"PATH": cnb.PATH_ENV}, lc.root)
            try:
                results = json.loads(out.stdout)
            except ValueError:
                results = []
            if len(results) != len(paths):
                results = [{"ok": None, "error": "no result"}] * len(paths)
            ids = "%d:%d" % user
            for db, result in zip(self.s.sqlite, results):
                journal = db.get("journal", "delete")
                details = [repr(result)] + out.describe()
                if expected:
                    self.check(f"SQLite ({journal}): {who} {ids} inserts into {db['path']} and"
                               " commits; a new connection sees the row", result.get("ok") is True
                               and result.get("journal") == journal and result.get("rows") == 2,
                               details)
                else:
                    self.check(f"SQLite ({journal}): {who} {ids} cannot write {db['path']}"
                               " (attempt to write a readonly database / unable to open)",
                               result.get("ok") is False and re.search(
                                   r"readonly database|unable to open database",
                                   str(result.get("error"))) is not None, details)

    def contract_writable(self, image, before, prediction, databases):
        """What the contract lets a user of the build group write, and a user outside it, after
        the export; each is stated from the rules, not from the modes the build produced.

        The group: the selected entries (dirs; files with one link and no setuid/setgid), the dir
        of each selected SQLite database (when that is on), entries outside the selection that
        arrived group-writable (unless `exclusive`), and an app dir another user owns (a volume
        the platform made) that is group-writable. Outside the group: nothing, except an app dir
        another user owns that the platform made world-writable (kpack, Shipwright).
        """
        policy = self.policy
        uid = self.lc.build_user[0]
        db_dirs = {contract.parent_of(rel) for rel in databases} if policy.sqlite_directories else set()
        root = before["."]
        foreign_root = root.uid != uid
        group, others = set(), set()
        for rel, e in image.items():
            if e.kind not in "df":
                continue
            came = before.get(rel)
            if rel in prediction.selected:
                if e.kind == "d" or (e.nlink == 1 and not e.mode & 0o6000):
                    group.add(rel)
            elif rel in db_dirs:
                group.add(rel)
            elif rel == ".":
                if foreign_root and root.mode & 0o020:
                    group.add(rel)
            elif came is not None and came.mode & 0o020 and not policy.exclusive:
                group.add(rel)
            if policy.keep_world_writable and came is not None and came.mode & 0o002:
                others.add(rel)
        if foreign_root and root.mode & 0o002 and not policy.keep_world_writable:
            others.add(".")
        return group, others

    def check_probes(self, image, before, prediction, databases):
        """Real writes as the run user and as a user outside the group, in every dir and file of
        the app and the layer: each can write exactly what the contract lets it."""
        lc = self.lc
        group, others = self.contract_writable(image, before, prediction, databases)
        if others:
            self.check("only the app dir, which another user (uid 0) owned during the build, is"
                       " left for users outside the group", others == {"."} and
                       self.platform.root_owner_of(self.layout)[0] == 0 and "." in prediction.kept,
                       [f"writable by others: {sorted(others)}"])
        layer = tree.snapshot(lc.image_layer)
        base = str(lc.image)
        for who, user, writable in (("run user", lc.run_user, group),
                                    ("user outside the group", users.OUTSIDER, others)):
            ids = "%d:%d" % user
            plan = probes.probe_plan(image, lc.image_workspace, writable)
            plan += probes.probe_plan(layer, lc.image_layer, set())
            results = lc.probe([(a, p) for a, p, _ in plan], user=user)
            wrong_yes = [f"{a} {p[len(base) + 1:]}" for a, p, want in plan
                         if not want and results[(a, p)][0]]
            wrong_no = [f"{a} {p[len(base) + 1:]}: {results[(a, p)][1]}" for a, p, want in plan
                        if want and not results[(a, p)][0]]
            n_yes = len({p for _, p, want in plan if want})
            n_no = len({p for _, p, want in plan if not want})
            if writable:
                notable = (["the app dir"] if "." in writable else []) + [
                    f"SQLite dir {rel}/" for rel in sorted(writable - {"."})
                    if rel in prediction.database_dirs]
                among = f" (among them {', '.join(notable)})" if notable else ""
                self.check(f"{who} {ids} can write each of the {n_yes} entries the contract lets"
                           f" it{among}", not wrong_no, wrong_no[:30])
            elif who == "run user":
                self.check(f"{who} {ids} is given something to write", False,
                           ["the contract gives the run user nothing: check the scenario"])
            self.check(f"{who} {ids} cannot write any of the other {n_no} entries (app dir and"
                       " layer)", not wrong_yes, wrong_yes[:30])
            if who == "run user":
                made = [(p, results[(a, p)][2]) for a, p, want in plan if a == "mkdir"]
                in_setgid = [(p, m) for p, m in made
                             if image[self.rel(p)].mode & 0o2000]
                if in_setgid or self.policy.setgid:
                    self.check(f"a dir the run user makes in a setgid dir inherits setgid"
                               f" ({len(in_setgid)} dirs)",
                               bool(in_setgid) and all(m is not None and m & 0o2000
                                                       for _, m in in_setgid),
                               [f"{p}: {m!r}" for p, m in in_setgid if not (m and m & 0o2000)])

    def rel(self, path):
        root = str(self.lc.image_workspace)
        return "." if path == root else path[len(root) + 1:]
