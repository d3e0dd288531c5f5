"""The lifecycle suite's checks of what a build prints and writes: the pattern counts, the DEBUG
listing, the layer's TOML files (group-writable.toml, report.toml, launch.toml), the change samples
and the platform's warnings, compared with the contract's prediction. A mixin of ScenarioRun."""

import json
import re

import cnb
import contract
import reporting


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


class OutputChecks:
    """Checks of the build's output and layer files (uses ScenarioRun's check, equal, lc, s,
    expect, layout, platform, policy, version)."""

    def check_patterns_output(self, build, report):
        reported = (report or {}).get("patterns", [])
        for want in self.expect.get("patterns", []):
            pattern, matches = want["pattern"], want["matches"]
            found = [p for p in reported if p.get("pattern") == pattern]
            self.check(
                f"report.toml counts {matches} match(es) for pattern {pattern!r}",
                len(found) == 1
                and found[0].get("matches") == matches
                and ("source" not in want or want["source"] in str(found[0].get("source"))),
                [f"reported patterns: {reported!r}"],
            )
            self.check(
                f"build output shows pattern {pattern!r} with its count {matches}",
                shows_count(build.stdout, pattern, matches),
                build.describe(),
            )
        for text in self.expect.get("stdout", []):
            regex = re.compile(text)
            self.check(
                f"build output has a line matching {text!r}",
                reporting.line_matching(build.stdout, regex) is not None,
                build.describe(),
            )
        for text in self.expect.get("warnings", []):
            regex = re.compile(text)
            warnings = [str(w) for w in (report or {}).get("warnings", [])]
            self.check(
                f"report.toml has a warning matching {text!r}",
                any(regex.search(w) for w in warnings),
                [f"warnings: {warnings!r}"],
            )
            self.check(
                f"build output warns matching {text!r}",
                reporting.line_matching(build.stdout + build.stderr, regex) is not None,
                build.describe(),
            )

    def check_debug_listing(self, build, before, after):
        if self.s.env.get("BP_LOG_LEVEL", "").upper() != "DEBUG":
            return
        changed = [
            rel for rel, e in after.items() if rel not in before or before[rel].mode != e.mode
        ]
        missing = [rel for rel in changed if rel.rstrip("/") not in build.stdout]
        self.check(
            f"BP_LOG_LEVEL=DEBUG lists each of the {len(changed)} changed paths",
            bool(changed) and not missing,
            [f"not listed: {missing}"] + build.describe(),
        )

    def check_layer_files(self, roots, prediction):
        layer_dir = self.lc.layers / cnb.LAYER_NAME
        self.check("build creates the launch layer dir", layer_dir.is_dir())
        meta = self.check_layer_metadata(roots, prediction)
        self.check_report(layer_dir, roots, prediction, meta)
        self.check_launch_toml(roots)

    def check_layer_metadata(self, roots, prediction):
        """group-writable.toml: launch layer, version, roots, the contract's counts; returns it."""
        lc = self.lc
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
            self.check(
                f"{cnb.LAYER_NAME}.toml: [types] launch = true",
                meta.get("types", {}).get("launch") is True,
                [repr(meta)],
            )
            md = meta.get("metadata", {})
            self.equal(f"{cnb.LAYER_NAME}.toml: metadata.version", md.get("version"), self.version)
            self.equal(
                f"{cnb.LAYER_NAME}.toml: metadata.roots", sorted(md.get("roots", [])), sorted(roots)
            )
            self.equal(
                f"{cnb.LAYER_NAME}.toml: metadata.roots-total", md.get("roots-total"), len(roots)
            )
            md_counts = md.get("counts", {})
            self.check(
                f"{cnb.LAYER_NAME}.toml: metadata has integer counts",
                all(
                    isinstance(md_counts.get(k), int) and md_counts[k] >= 0
                    for k in ("skipped", *expected_counts)
                ),
                [repr(md)],
            )
            self.equal(
                f"{cnb.LAYER_NAME}.toml: counts are the contract's (entries granted,"
                " given g+x, already writable, losing o+w or g+w, SQLite dirs opened)",
                {k: md_counts.get(k) for k in expected_counts},
                expected_counts,
            )
        return meta

    def check_report(self, layer_dir, roots, prediction, meta):
        """report.toml: version, roots, counts as in group-writable.toml, patterns, samples."""
        lc = self.lc
        report, error = lc.read_toml(layer_dir / "report.toml")
        if self.check("report.toml parses with tomllib", report is not None, [error]):
            self.equal("report.toml: version", report.get("version"), self.version)
            self.equal("report.toml: roots", sorted(report.get("roots", [])), sorted(roots))
            if meta is not None:
                summary = {
                    k: v
                    for k, v in meta.get("metadata", {}).get("counts", {}).items()
                    if k.endswith("-changed") or k in ("already-writable", "skipped")
                }
                in_report = report.get("counts", report)
                self.equal(
                    f"report.toml counts agree with {cnb.LAYER_NAME}.toml",
                    {k: in_report.get(k) for k in summary},
                    summary,
                )
            patterns = report.get("patterns", [])
            self.check(
                "report.toml: every [[patterns]] has pattern, source, line, matches",
                all({"pattern", "source", "line", "matches"} <= set(p) for p in patterns),
                [repr(patterns)],
            )
            self.check_change_samples(report.get("changes", {}), prediction)

    def check_launch_toml(self, roots):
        """launch.toml: the image label lists the roots."""
        lc = self.lc
        launch, error = lc.read_toml(lc.layers / "launch.toml")
        if self.check("launch.toml parses with tomllib", launch is not None, [error]):
            labels = [lb for lb in launch.get("labels", []) if lb.get("key") == cnb.LABEL_KEY]
            value = None
            if len(labels) == 1:
                try:
                    value = json.loads(labels[0].get("value", ""))
                except ValueError:
                    value = None
            self.check(
                f"launch.toml label {cnb.LABEL_KEY} is a JSON array of the roots",
                isinstance(value, list) and sorted(value) == sorted(roots),
                [repr(launch.get("labels"))],
            )

    def shown(self, prediction, rel):
        """A path as the report shows it: `./` for the app dir, dirs with a trailing `/`."""
        if rel == ".":
            return "./"
        return rel + "/" if prediction.kinds.get(rel) == "d" else rel

    def check_change_samples(self, changes, prediction):
        """report.toml's [changes] samples: each total is the contract's, each sample path one of
        the entries the contract names, with the modes it says."""

        def with_reason(reason):
            return {
                self.shown(prediction, rel): (rel, why)
                for rel, why in prediction.reasons.items()
                if reason in why
            }

        mode_samples = {
            "world-write-removed": with_reason(contract.WORLD),
            "group-write-removed": with_reason(contract.GROUP),
            "database-directories": with_reason(contract.DATABASE),
        }
        for key, wanted in mode_samples.items():
            sample = changes.get(key, {})
            first = sample.get("first", [])
            wrong = [
                item
                for item in first
                if item.get("path") not in wanted
                or item.get("to") != prediction.modes[wanted[item["path"]][0]]
            ]
            self.check(
                f"report.toml [changes.{key}]: total {len(wanted)}, sampled paths and"
                " modes as the contract says",
                sample.get("total") == len(wanted) and not wrong and bool(first) == bool(wanted),
                [f"sample: {sample!r}", f"expected paths: {sorted(wanted)}"],
            )
        kept = {self.shown(prediction, rel): modes for rel, modes in prediction.kept.items()}
        sample = changes.get("kept-by-platform", {})
        wrong = [
            item
            for item in sample.get("first", [])
            if kept.get(item.get("path")) != (item.get("from"), item.get("to"))
        ]
        self.check(
            f"report.toml [changes.kept-by-platform]: total {len(kept)}, each with its mode"
            " and the mode the rule wanted",
            sample.get("total") == len(kept)
            and not wrong
            and bool(sample.get("first")) == bool(kept),
            [f"sample: {sample!r}", f"expected: {kept!r}"],
        )
        for key, paths in (
            ("group-writable-outside", prediction.outside_writable),
            ("closed-directories", prediction.closed_dirs),
        ):
            wanted = {self.shown(prediction, rel) for rel in paths}
            sample = changes.get(key, {})
            first = sample.get("first", [])
            self.check(
                f"report.toml [changes.{key}]: total {len(wanted)}, sampled paths among"
                " the contract's",
                sample.get("total") == len(wanted)
                and set(first) <= wanted
                and bool(first) == bool(wanted),
                [f"sample: {sample!r}", f"expected: {sorted(wanted)}"],
            )
