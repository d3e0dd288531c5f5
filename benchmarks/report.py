"""The report (printed, and written to results-<entries>.md): sections built from the run's data
(rows and targets as data, see tables.py and targets.py)."""

import os
import time
from dataclasses import dataclass, field

from . import report_more, targets
from .common import REPO, USERS, fmt_s
from .machine import head_commit, is_static, machine_line
from .tables import MEASURES, Table, cell_s, columns, limit_text, ratio, render


@dataclass
class Results:
    """Everything a run measured; the report is built from it alone."""

    args: object
    meta: dict
    binary: str
    lists: list
    detect: tuple | None = None
    startup: dict | None = None
    patho: list = field(default_factory=list)
    bound_rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    traced: dict | None = None


def header(r):
    meta, binary = r.meta, r.binary
    shown = os.path.relpath(binary, REPO) if binary.startswith(REPO) else binary
    return [
        "# group-writable benchmark: %d entries" % meta["entries"],
        "",
        "- tree: %d entries (%d dirs, %d files, %d symlinks), seed %d, generator v%d"
        % tuple(meta[k] for k in ("entries", "dirs", "files", "symlinks", "seed", "generator")),
        "- machine: " + machine_line(),
        "- binary: %s (%s), %d round(s), medians; date %s"
        % (
            shown,
            "static" if is_static(binary) else "dynamic",
            r.args.rounds,
            time.strftime("%Y-%m-%d %H:%M %Z"),
        ),  # fmt: skip
        "- command: `benchmarks/run %s`; repository at %s" % (" ".join(r.args.argv), head_commit()),
        "- users: timed commands (apply and every baseline) run " + USERS.describe(),
        "",
    ]


def selection(lists):
    table = Table(
        columns(
            "list", "patterns", "selected entries", "roots (chmod -R args)", "symlink roots",
            "dirs changed", "files changed", "already writable", "scanned: apply",
            "scanned, dirs pruned: --keep-world-writable",
        )
    )  # fmt: skip
    for p in lists:
        c, k = p.apply_counts, p.keep_counts
        counts = [c.get(key, "?") for key in ("directories-changed", "files-changed")]
        counts += [c.get("already-writable", "?"), c.get("scanned", "?")]
        pruned = "%s, %s" % (k.get("scanned", "?"), k.get("directories-pruned", "?"))
        table.add(
            p.name, p.pattern_count, p.selected, len(p.roots), p.symlink_roots, *counts, pruned
        )
    return render([
        "## Selection per list",
        "`apply` (the default, what the build does) removes world write from every entry the build "
        "user owns, so it visits every entry; `--keep-world-writable` walks only what the patterns "
        "can reach (it prunes). The generated tree has no world write, so both change the same "
        "entries.",
        table,
    ])  # fmt: skip


def measure_table(lists, keys, title="list"):
    """One row per list, one column per measure key (its median wall time)."""
    table = Table(columns(title, *(MEASURES[key] for key in keys)))
    for p in lists:
        m = targets.medians(p)
        table.add(p.name, *(cell_s(m, key, "") for key in keys))
    return table


def baselines(lists):
    table = Table(
        columns(
            "list", "find", "find -printf %m", "chmod -R g+w roots", "find + chmod",
            "find -printf %m + chmod", "git + xargs chmod",
        )
    )  # fmt: skip
    for p in lists:
        m = targets.medians(p)
        chmod = m.get("chmod") or 0.0
        table.add(
            p.name, cell_s(m, "find"), cell_s(m, "findstat"),
            cell_s(m, "chmod") if p.roots else "(no roots)",
            fmt_s(m["find"] + chmod), fmt_s(m["findstat"] + chmod), cell_s(m, "git"),
        )  # fmt: skip
    return table


def medians_section(r):
    lists = r.lists
    applies = ["first", "rerun", "first1", "rootfirst", "kfirst", "krerun"]
    apply_table = measure_table(lists, applies)
    for row, p in zip(apply_table.rows, lists, strict=True):
        row[4] = row[4] or "(not root)"
        row.append(str(p.threads or "?"))
    apply_table.columns.append(("threads", "r"))
    compared = any("cfirst" in p.samples for p in lists)
    return render([
        "## Medians",
        "Baselines: `find T -mindepth 1` (reads directory entries only), `find T -mindepth 1 "
        "-printf '%m'` (a walk that stats every entry, as the default `apply` does), `chmod -R "
        "g+w` on the roots, and the user-scripted `git ls-files -z -o -i --directory | xargs -0 "
        "chmod -R g+w`.",
        baselines(lists),
        "`apply` rows run as the build user (changes by name where only it can rename the parent's "
        "entries, else through a checked `O_PATH` handle); \"as root\" is the same first run as "
        "root, where every change goes through a checked handle.",
        apply_table,
        "`--compare-binary %s` (its `apply`, as the build user, in the same rounds):"
        % r.args.compare_binary if compared else None,
        measure_table(lists, ["cfirst", "crerun"]) if compared else None,
    ]) + floors_section(lists)  # fmt: skip


def floors_section(lists):
    """Issue 23 item 4: the C walker's floors, the two layouts, and CPU/wall per case."""
    measured = [key for key in MEASURES if any(key in p.samples for p in lists)]
    cpu = Table(columns("list", *(MEASURES[key] for key in measured)))
    for p in lists:
        m = targets.medians(p)
        cells = ["%.2f" % m[k + ":cpu/wall"] if k + ":cpu/wall" in m else "" for k in measured]
        cpu.add(p.name, *cells)
    layouts = measure_table(lists, ["cstat", "csame", "first", "arrived", "win", "cwin"])
    user = measure_table(lists, [])
    user.columns += [(title, "r") for title in (
        "generated: apply (first)", "generated: C walk making its calls",
        "arrived-writable: apply (first)", "arrived-writable: C walk making its calls",
    )]  # fmt: skip
    keys = ("ufirst:user", "uattrs:user", "uarrived:user", "uattrsarrived:user")
    for row, p in zip(user.rows, lists, strict=True):
        m = targets.medians(p)
        row += [cell_s(m, key) for key in keys]
    return render([
        "### Floors and layouts (issue 23 item 4)",
        "The C stat walk (benchmarks/statwalk.c, `cc -O2`, 2 threads sharing directories through a "
        "work queue: openat, getdents64 and fstatat(AT_SYMLINK_NOFOLLOW) on every entry) runs as "
        "the build user on the same tree: the floor of a walk that stats everything. The C walk "
        "changing the same entries does that too, and fchmodat on each entry a first `apply` of "
        "the list changed, to the mode `apply` gave it (the list is taken from a first `apply` "
        "before the rounds, and checked to leave the same modes): the floor of a first run, "
        "which changes entries the stat walk only reads. Arrived-"
        "writable: the same tree with every entry group-writable, as umask 002 sources arrive "
        "(`chmod -R g+w` before the run). Windows-host (anchored list only): a copy of the tree "
        "with every entry 0777, as pack on a Windows host sends it; its floor is the same C walk "
        "also changing every entry as `apply` does (fchmodat: group write added, world write "
        "removed).",
        layouts,
        "Issue 23 item 2, %s runs of each, alternating: a first `apply`, and the C walk making "
        "its system calls (statwalk.c `attrs`: the stat walk, listxattrat on every directory or "
        "file that is or becomes group-writable, where `apply` reads the ACL and capabilities, "
        "and the changes the first `apply` made in that layout), on the generated tree and on "
        "the arrived-writable layout; user CPU, means (the kernel splits CPU time into user and "
        "system at its tick, so one run's split is coarse, and a short thread's can be none)."
        % user_runs(lists),
        user,
        "CPU/wall per case (user + system CPU of the command and what it waited for, over wall "
        "time; medians): about 1 is a one-thread walk, about 2 both cores.",
        cpu,
    ])  # fmt: skip


def user_runs(lists):
    """How many runs each user-CPU mean is taken over (the same for every list and measure)."""
    return max((len(p.samples.get("ufirst", [])) for p in lists), default=0)


def target_rows(r, misses):
    table = Table(columns("target", "list", "measured", "against", "ratio", "limit", "result"))
    table.columns[1] = ("list", "l")
    table.columns[-1] = ("result", "l")
    for title, rows in targets.evaluate(r.lists):
        table.add("**%s**" % title, *[""] * 6)
        for row in rows:
            if row["counted"]:
                misses.append("%s (%s)" % (row["label"], row["list"]))
            limit = limit_text(row["limit"]) if row["limit"] is not None else ""
            result = row["result"] + (" (stretch)" if row["stretch"] else "")
            table.add(row["label"], row["list"], fmt_s(row["value"]), fmt_s(row["base"]),
                      ratio(row["value"], row["base"]), limit, result)  # fmt: skip
    table.add("**resources**", *[""] * 6)
    table.rows += report_more.resource_rows(r, misses)
    return table


def build_report(r):
    """(markdown text, missed targets)."""
    misses = []
    lines = header(r) + selection(r.lists) + medians_section(r)
    lines += render(["## Targets", target_rows(r, misses)])
    lines += report_more.notes(r)
    lines += report_more.pathological_section(r.patho)
    lines += report_more.bounds_section(r, misses)
    lines += report_more.trace_section(r, misses)
    lines += report_more.problems_section(r)
    lines += report_more.profile_section(r.lists)
    lines.append("Missed targets: " + (", ".join(misses) if misses else "none") + ".")
    return "\n".join(lines) + "\n", misses
