"""Shrinking a failing case (pattern lines, then tree entries) and reporting it with a recipe to
recreate it."""

import math
from dataclasses import dataclass

from oracle import Verdict, compare_fresh
from patterns import PatternFile
from trees import Entry, normalize_tree


@dataclass
class Failure:
    seed: int
    tree_index: int
    list_index: int
    entries: list
    patterns: PatternFile
    verdict: Verdict


def ddmin(items, fails):
    """Delta debugging: a smaller list for which fails(list) still holds."""
    n = 2
    while len(items) >= 2:
        chunk = math.ceil(len(items) / n)
        reduced = False
        for start in range(0, len(items), chunk):
            candidate = items[:start] + items[start + chunk :]
            if fails(candidate):
                items = candidate
                n = max(n - 1, 2)
                reduced = True
                break
        if not reduced:
            if n >= len(items):
                break
            n = min(n * 2, len(items))
    if len(items) == 1 and fails([]):
        return []
    return items


def shrink(env, binary, work, failure):
    category = failure.verdict.category
    state = {"runs": 0}

    def fails(entries, patterns):
        state["runs"] += 1
        return compare_fresh(env, binary, work, entries, patterns).category == category

    patterns = failure.patterns
    entries = failure.entries
    if patterns.bom and fails(entries, PatternFile(False, patterns.lines)):
        patterns = PatternFile(False, patterns.lines)
    lines = ddmin(patterns.lines, lambda ls: fails(entries, PatternFile(patterns.bom, ls)))
    patterns = PatternFile(patterns.bom, lines)

    def tree_fails(candidate):
        return fails(normalize_tree(candidate), patterns)

    entries = normalize_tree(ddmin(entries, tree_fails))
    # Single removals until nothing more can go (ddmin may stop early because of the subtree
    # coupling).
    changed = True
    while changed:
        changed = False
        for i in range(len(entries)):
            candidate = normalize_tree(entries[:i] + entries[i + 1 :])
            if fails(candidate, patterns):
                entries, changed = candidate, True
                break
    patterns = simplify_lines(patterns, lambda candidate: fails(entries, candidate))
    entries = simplify_names(entries, lambda candidate: fails(candidate, patterns))
    verdict = compare_fresh(env, binary, work, entries, patterns)
    return Failure(
        failure.seed, failure.tree_index, failure.list_index, entries, patterns, verdict
    ), state["runs"]


def simplify_lines(patterns, fails):
    """Deletes single bytes of pattern lines while the failure persists (terminators kept)."""
    lines = list(patterns.lines)
    for n in range(len(lines)):
        i = 0
        while i < len(lines[n]):
            body = lines[n]
            if body[i:] in (b"\n", b"\r\n") or (
                body[i : i + 1] == b"\r" and body[i + 1 :] == b"\n"
            ):
                break
            candidate = lines[:n] + [body[:i] + body[i + 1 :]] + lines[n + 1 :]
            if fails(PatternFile(patterns.bom, candidate)):
                lines = candidate
            else:
                i += 1
    return PatternFile(patterns.bom, lines)


def rename(entries, path, new_path):
    renamed = []
    for e in entries:
        if e.path == path:
            renamed.append(Entry(new_path, e.kind, e.target))
        elif e.path.startswith(path + b"/"):
            renamed.append(Entry(new_path + e.path[len(path) :], e.kind, e.target))
        else:
            renamed.append(e)
    return renamed


def simplify_names(entries, fails):
    """Renames entries to short plain names (`a`, `b`, ...) while the failure persists."""
    for index in range(len(entries)):
        path = entries[index].path
        parent, _, name = path.rpartition(b"/")
        taken = {e.path for e in entries}
        for simple in (b"a", b"b", b"c", b"d"):
            new_path = parent + b"/" + simple if parent else simple
            if len(simple) >= len(name) and simple >= name:
                break
            if new_path in taken:
                continue
            candidate = rename(entries, path, new_path)
            if fails(candidate):
                entries = candidate
            break
    return entries


KIND_WORD = {"dir": "dir ", "file": "file", "link": "link"}


def recreate_script(failure):
    lines = ["import os, sys", "root = os.fsencode(sys.argv[1]); os.mkdir(root)"]
    for e in failure.entries:
        p = f"root + b'/' + {e.path!r}"
        if e.kind == "dir":
            lines.append(f"os.mkdir({p})")
        elif e.kind == "file":
            lines.append(f"open({p}, 'wb').write(b'x\\n')")
        else:
            lines.append(f"os.symlink({e.target!r}, {p})")
    lines.append(f"open(sys.argv[2], 'wb').write({failure.patterns.data()!r})")
    return "\n".join(lines)


def describe(failure, shrunk_from=None):
    v = failure.verdict
    out = [
        f"seed {failure.seed}, tree {failure.tree_index}, pattern list {failure.list_index}"
        f" (rerun: integration/differential/run --seed {failure.seed} --tree {failure.tree_index})",
        f"category: {v.category}",
    ]
    if shrunk_from:
        out.append(f"shrunk from {shrunk_from[0]} entries / {shrunk_from[1]} lines")
    out.append(f"tree ({len(failure.entries)} entries):")
    for e in failure.entries:
        suffix = f" -> {e.target!r}" if e.kind == "link" else ""
        out.append(f"  {KIND_WORD[e.kind]} {e.path!r}{suffix}")
    out.append(f"patterns file (raw): {failure.patterns.data()!r}")
    for n, line in enumerate(failure.patterns.lines, 1):
        out.append(f"  line {n}: {line!r}")
    out.append(f"git ignores ({len(v.truth)}): {sorted(v.truth)!r}")
    if v.category == "mismatch":
        ours = set(v.ours)
        out.append(f"group-writable list -z selects ({len(ours)}): {sorted(ours)!r}")
        out.append(f"  only git: {sorted(v.truth - ours)!r}")
        out.append(f"  only group-writable: {sorted(ours - v.truth)!r}")
    if v.detail:
        out.append(v.detail.rstrip())
    out.append(
        "recreate (python3 - TREE PATTERNS_FILE <<'EOF' ... EOF, then"
        " group-writable list -z --app TREE --patterns-file PATTERNS_FILE):"
    )
    out.extend("  " + line for line in recreate_script(failure).splitlines())
    return "\n".join(out)
