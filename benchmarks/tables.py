"""Markdown tables from data, and the measures' names shared by the report's tables."""

from dataclasses import dataclass, field

from .common import fmt_s

# Every timed measure of a round: sample key -> its name in the tables (in round order).
MEASURES = {
    "find": "find",
    "findstat": "find -printf %m",
    "cstat": "C stat walk",
    "csame": "C walk changing the same entries",
    "chmod": "chmod -R g+w roots",
    "git": "git + xargs chmod",
    "first": "apply (first)",
    "rerun": "apply (re-run)",
    "first1": "apply --jobs 1 (first)",
    "rootfirst": "apply as root (first)",
    "kfirst": "--keep-world-writable (first)",
    "krerun": "--keep-world-writable (re-run)",
    "cfirst": "compared apply (first)",
    "crerun": "compared apply (re-run)",
    "arrived": "arrived-writable: apply (first)",
    "win": "Windows-host: apply (first)",
    "cwin": "Windows-host: C changing walk",
    "ufirst": "user-CPU runs: apply (first)",
    "uattrs": "user-CPU runs: C walk making apply's calls",
    "uarrived": "user-CPU runs: arrived-writable: apply (first)",
    "uattrsarrived": "user-CPU runs: arrived-writable: C walk making apply's calls",
}


@dataclass
class Table:
    """columns: [(title, "l" or "r")]; rows: lists of cells (converted with str)."""

    columns: list
    rows: list = field(default_factory=list)

    def add(self, *cells):
        self.rows.append([str(cell) for cell in cells])

    def lines(self):
        out = ["| " + " | ".join(title for title, _ in self.columns) + " |"]
        out.append("|" + "|".join("---" if a == "l" else "---:" for _, a in self.columns) + "|")
        out += ["| " + " | ".join(row) + " |" for row in self.rows]
        return out


def columns(first, *titles, align="r"):
    """A left-aligned first column, then the others aligned `align`."""
    return [(first, "l")] + [(title, align) for title in titles]


def render(blocks):
    """Lines of a section: strings are paragraphs (or headings), tables render, each block
    followed by an empty line (None blocks are left out)."""
    lines = []
    for block in blocks:
        if block is None:
            continue
        lines += block.lines() if isinstance(block, Table) else [block]
        lines.append("")
    return lines


def cell_s(m, key, missing="n/a"):
    return fmt_s(m[key]) if m.get(key) is not None else missing


def ratio(value, base):
    return "%.2f ×" % (value / base) if value is not None and base else "n/a"


def limit_text(limit):
    return ("≤ %.2f ×" if round(limit * 10) != limit * 10 else "≤ %.1f ×") % limit


def escape(text):
    return text.replace("|", "\\|")
