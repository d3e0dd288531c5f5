"""The report's sections after the medians: resources, notes, pathological patterns, bounds, trace
overhead, problems and the profile."""

from . import bounds, trace_overhead
from .common import fmt_s, kib, median
from .pathological import PATHOLOGICAL_LIMIT_SECONDS
from .runners import RSS_LIMIT_MIB
from .startup import DETECT_LIMIT_MS, STARTUP_LIMIT_MS
from .tables import Table, columns, escape, render

STARTUP_CASES = (
    ("steady", "container start"),
    ("repair", "start on a fresh empty tmp/ (makes tmp/pids, tmp/sockets again)"),
)


def checked(ok, misses, name):
    if not ok:
        misses.append(name)
    return "PASS" if ok else "MISS"


def resource_rows(r, misses):
    """Rows of the Targets table (7 cells each): peak RSS, bin/detect and exec.d start-ups."""
    rows = []
    if r.lists and all(p.rss_kib is not None for p in r.lists):
        worst = max(r.lists, key=lambda p: p.rss_kib)
        result = checked(worst.rss_kib / 1024 <= RSS_LIMIT_MIB, misses, "peak RSS")
        rows.append(["peak RSS (first apply, worst list)", worst.name,
                     "%.1f MiB" % (worst.rss_kib / 1024), "", "", "≤ %d MiB" % RSS_LIMIT_MIB,
                     result])  # fmt: skip
    if r.detect:
        detect_ms, true_ms = r.detect
        result = checked(detect_ms <= DETECT_LIMIT_MS, misses, "bin/detect start-up")
        rows.append(["bin/detect on a non-opted-in app (median of %d)" % r.args.detect_runs, "",
                     "%.2f ms" % detect_ms, "/bin/true: %.2f ms" % true_ms, "",
                     "≤ %d ms" % DETECT_LIMIT_MS, result])  # fmt: skip
    for key, label in STARTUP_CASES if r.startup else ():
        s = r.startup
        name = "exec.d start-up check (%s)" % label
        result = checked(s[key] <= STARTUP_LIMIT_MS, misses, name)
        rows.append(["exec.d start-up check, %s (run user, %d roots, median of %d)"
                     % (label, s["roots"], r.args.detect_runs), "", "%.2f ms" % s[key],
                     "/bin/true: %.2f ms" % s["true"], "", "≤ %d ms" % STARTUP_LIMIT_MS,
                     result])  # fmt: skip
    return rows


def notes(r):
    lists, s = r.lists, r.startup
    blocks = []
    if s:
        blocks.append(
            "Start-up app: built with bin/build in %s; its report.toml holds %d roots and %d "
            "created directories (%d bytes); the check runs as the run user with the layer's "
            "report two directories up from it."
            % (fmt_s(s["build_seconds"]), s["roots"], s["created"], s["report_bytes"])
        )
    if lists and all(p.rss_kib is not None for p in lists):
        blocks.append("Peak RSS per list (first apply): "
                      + ", ".join("%s %.1f MiB" % (p.name, p.rss_kib / 1024) for p in lists)
                      + ".")  # fmt: skip
    find_all = median([t for p in lists for t in p.samples.get("find", [])])
    findstat_all = median([t for p in lists for t in p.samples.get("findstat", [])])
    jobs = ", ".join(
        "%s %.2f ×" % (p.name, median(p.samples["first"]) / median(p.samples["first1"]))
        for p in lists
        if p.samples.get("first1")
    )
    blocks.append(
        "Walk baselines, medians over all lists and rounds: find %s, find -printf %%m %s.\n"
        "First run with the default threads vs `--jobs 1`: %s."
        % (fmt_s(find_all), fmt_s(findstat_all), jobs)
    )
    return render(blocks)


def pathological_section(patho):
    if not patho:
        return []
    table = Table(columns("patterns", "time", "peak RSS", "result"))
    table.columns[-1] = ("result", "l")
    for label, seconds, rss in patho:
        table.add(escape(label), fmt_s(seconds) if seconds is not None else "> 10 s (killed)",
                  "%.1f MiB" % (rss / 1024) if rss else "n/a",
                  "PASS" if seconds is not None else "FAIL")  # fmt: skip
    return render([
        "## Pathological patterns (`group-writable list`, 200 entries: 10 nested 250-byte "
        "directories of long `a...` names; limit %d s each)" % PATHOLOGICAL_LIMIT_SECONDS,
        table,
    ])  # fmt: skip


def bound_cells(b, kill):
    found = b.misses()
    sizes = ", ".join(
        "%s %s%s" % (label, "so far " if b.seconds is None else "", kib(size))
        for label, size, _ in b.sizes
    )
    return [
        escape(b.case),
        fmt_s(b.seconds) if b.seconds is not None else "> %.0f s (killed)" % kill,
        "%.1f MiB" % (b.rss_kib / 1024) if b.rss_kib else "n/a",
        "" if b.seconds is None else str(b.status),
        sizes,
        "MISS (%s)" % ", ".join(found) if found else "PASS",
    ]


def bounds_section(r, misses):
    if not r.bound_rows:
        return []
    table = Table(columns("case", "time", "peak RSS", "exit", "sizes", "result"))
    table.columns[-2:] = [("sizes", "l"), ("result", "l")]
    for b in r.bound_rows:
        found = b.misses()
        if found:
            misses.append("bound: %s (%s)" % (b.case, ", ".join(found)))
        table.rows.append(bound_cells(b, r.args.bound_kill))
    return render([
        "## Bounds (issue 12 item 5: memory and time on hostile inputs, and what a build writes)",
        "One run each (not medians), as the build user, killed after %.0f s. Bounds: peak RSS ≤ "
        "%d MiB; wall time ≤ %.0f s for `list`, `apply` and `bin/build` (≤ %.0f s with 10,000 "
        "patterns on the deep tree, issue 23 item 3), ≤ %.0f s for `bin/detect`; `report.toml`, "
        "the build log and detect's output ≤ 1 MiB each (the layer's toml and launch.toml, which "
        "holds the image label, are shown, not bounded)."
        % (r.args.bound_kill, bounds.BOUND_RSS_MIB, bounds.BOUND_SECONDS,
           bounds.MANY_PATTERNS_SECONDS, bounds.BOUND_DETECT_SECONDS),
        table,
    ])  # fmt: skip


def trace_section(r, misses):
    if not r.traced:
        return []
    lines = trace_overhead.report_lines(r.traced, r.args.trace_runs, misses)
    return lines[1:] + [""]  # it starts with an empty line; sections here end with one


def problems_section(r):
    if not r.problems:
        return []
    return render(["## Problems", "\n".join("- " + problem for problem in r.problems)])


def profile_section(lists):
    profiled = [p for p in lists if p.profile]
    if not profiled:
        return []
    blocks = ["## Profile"]
    for p in profiled:
        blocks += ["### %s" % p.name, "```\n%s\n```" % p.profile]
    return render(blocks)
