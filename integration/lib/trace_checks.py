"""What every trace of the trace suite's app must show (exit status, a complete JSON report, the
denials counted, the app's pid), and that a refused app changed nothing. A mixin of TraceRun."""

import os
import re

import process
import trace_app

DENIALS = ("EACCES", "EPERM", "EROFS")  # the errors `trace` counts as denials


class TraceChecks:
    """Uses TraceRun's check, equal and lc."""

    def expect_trace(self, what, traced, code, denied):
        """The checks every trace of the app passes; returns the app's pid or None."""
        outcome, doc, details = traced
        self.check(f"{what}: exits {code}", outcome.code == code, details)
        if not self.check(f"{what}: --output holds the JSON report", doc is not None, details):
            return None
        self.check(
            f"{what}: stdout has only the app's own lines (the report went to the file)",
            all(line.startswith("APP: ") for line in outcome.stdout.splitlines()),
            details,
        )
        self.check(f"{what}: no crash", not process.has_backtrace(outcome.stderr), details)
        self.check(
            f"{what}: complete, stop finished, nothing unreadable or unrecorded",
            (doc.get("complete"), doc.get("stop"), doc.get("unreadable"), doc.get("unrecorded"))
            == (True, "finished", 0, 0),
            details,
        )
        self.check(
            f"{what}: 2 processes or more (the app's fork is followed)",
            isinstance(doc.get("processes"), int) and doc["processes"] >= 2,
            details,
        )
        self.check(
            f"{what}: `denied` {'> 0' if denied else '== 0'} and counts the denied writes",
            (doc.get("denied", 0) > 0) == denied
            and doc.get("denied")
            == sum(1 for w in doc.get("writes", []) if w.get("error") in DENIALS),
            details,
        )
        self.check(
            f"{what}: records the app's exit status ({0 if not denied else 1})",
            doc.get("exitStatus") == (1 if denied else 0),
            details,
        )
        found = re.search(r"^APP: pid (\d+), failed: (.*)$", outcome.stdout, re.M)
        return int(found.group(1)) if found else None

    def expect_untouched(self, what, log_text, rows):
        """Nothing the app writes changed: the log, the rows, no pid file, no upload."""
        image = self.lc.image_workspace
        state = {
            "log/production.log": (image / "log/production.log").read_text(),
            "rows": trace_app.read_rows(image / "db/app.sqlite3", self.lc.root / "db-copy")[1],
            "public/uploads/": sorted(os.listdir(image / "public/uploads")),
            "data.json": (image / "public/uploads/data.json").exists(),
        }
        self.equal(
            f"{what}: the app's data did not change (log, rows, no upload)",
            state,
            {
                "log/production.log": log_text,
                "rows": rows,
                "public/uploads/": [".keep"] + (["data.json"] if rows[1:] else []),
                "data.json": bool(rows[1:]),
            },
        )
