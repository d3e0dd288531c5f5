#!/usr/bin/env python3
"""Deterministic app/monorepo trees for the group-writable benchmark.

Usage (normally called by benchmarks/run, which caches the result):
  benchmarks/treegen.py DEST [--entries N] [--seed S]

The tree is a Rails app with a webpack front end at the root (tmp/, log/, storage/,
public/uploads/, public/assets/, public/packs/, vendor/bundle/, node_modules/), plus
monorepo parts: Next.js apps under apps/ (.next/cache, .next/server, node_modules),
workspace packages under packages/ (src/, dist/, build/, nested node_modules/) and
Rust services under services/ (target/). node_modules trees have scoped packages
(@scope/pkg), nested node_modules (node_modules/a/node_modules/b) and .bin symlinks;
a few symlinks are in-tree directory links and a few dangle.

Exactly N entries are created below DEST (DEST itself not counted): directories 0755,
files 0644 (executables 0755), all empty. Everything comes from random.Random(seed),
so the same N and seed give the same tree (names, order of creation, modes).
"""

import argparse
import os
import random
import sys

if __package__:
    from .tree_js import JsParts
    from .tree_other import OtherParts
    from .tree_rails import RailsParts
else:  # run as a script: benchmarks/ is sys.path[0]
    from tree_js import JsParts
    from tree_other import OtherParts
    from tree_rails import RailsParts

# Bump when the shape changes, so cached trees are regenerated.
GENERATOR_VERSION = 3

SYLLABLES = (
    "ab ac ad al am an ap ar as at ba be bi bo bu ca ce ch ci co cu da de di do du el em en "
    "er es ev ex fa fe fi fo fu ga ge gi go gu ha he hi ho hu id il im in io ir is it ja jo "
    "ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu ob od ol om on op or os ov pa "
    "pe pi po pu qu ra re ri ro ru sa se si so su ta te ti to tu ul um un up ur us va ve vi "
    "vo wa we wi xa xe ya yo za ze zo"
).split()


class BudgetReached(Exception):
    """The current component has created all the entries it may create."""


class TreeWriter:
    """Creates entries below a root, counting them against a budget."""

    def __init__(self, root):
        self.root = root
        self.count = 0
        self.limit = 0
        self.dirs = set()
        self.counts = {"dirs": 0, "files": 0, "symlinks": 0}

    def _check(self):
        if self.count >= self.limit:
            raise BudgetReached()

    def dir(self, rel):
        """Creates directory rel (parents must exist); no-op if already made."""
        if rel in self.dirs:
            return
        self._check()
        os.mkdir(os.path.join(self.root, rel), 0o755)
        self.dirs.add(rel)
        self.count += 1
        self.counts["dirs"] += 1

    def dirs_to(self, rel):
        """Creates rel and any missing parents."""
        parts = rel.split("/")
        for i in range(1, len(parts) + 1):
            self.dir("/".join(parts[:i]))

    def file(self, rel, executable=False):
        """Creates an empty file; a name that already exists is skipped (not counted)."""
        self._check()
        try:
            fd = os.open(
                os.path.join(self.root, rel),
                os.O_WRONLY | os.O_CREAT | os.O_EXCL,
                0o755 if executable else 0o644,
            )
        except FileExistsError:
            return
        os.close(fd)
        self.count += 1
        self.counts["files"] += 1

    def link(self, rel, target):
        """Creates a symlink; a name that already exists is skipped (not counted)."""
        self._check()
        try:
            os.symlink(target, os.path.join(self.root, rel))
        except FileExistsError:
            return
        self.count += 1
        self.counts["symlinks"] += 1


class Names:
    """Deterministic word and hash generators."""

    def __init__(self, rng):
        self.rng = rng

    def word(self, lo=2, hi=4):
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(lo, hi)))

    def hexstr(self, n):
        return "%0*x" % (n, self.rng.getrandbits(4 * n))

    def version(self):
        r = self.rng
        return "%d.%d.%d" % (r.randint(0, 12), r.randint(0, 30), r.randint(0, 40))

    def geometric(self, mean, cap):
        """A count >= 1 with roughly the given mean, at most cap."""
        n = 1 + int(self.rng.expovariate(1.0 / max(mean - 1, 0.1)))
        return min(n, cap)


class AppTree(JsParts, RailsParts, OtherParts):
    """Component generators. Each one loops until the writer's budget is reached."""

    def __init__(self, writer, rng):
        self.w = writer
        self.rng = rng
        self.n = Names(rng)
        self.taken = {}


def generate(dest, entries, seed):
    """Creates the tree at dest (must not exist). Returns counts."""
    old_umask = os.umask(0o022)
    try:
        os.mkdir(dest, 0o755)
        w = TreeWriter(dest)
        rng = random.Random(seed)
        tree = AppTree(w, rng)
        w.limit = entries
        try:
            tree.skeleton()
        except BudgetReached:
            return dict(w.counts, entries=w.count)
        # Weights of the budgeted components (share of what is left after the skeleton).
        components = [
            (0.38, lambda: tree.node_modules("node_modules", 0)),
            (0.12, tree.vendor_bundle),
            (0.08, tree.rails_tmp),
            (0.05, tree.storage),
            (0.04, tree.uploads),
            (0.02, tree.public_assets),
            (0.07, lambda: tree.next_app("apps/web")),
            (0.05, lambda: tree.next_app("apps/admin")),
            (0.07, tree.packages),
            (0.06, tree.services),
            (0.06, tree.rails_source),
        ]
        remaining = entries - w.count
        total_weight = sum(weight for weight, _ in components)
        for index, (weight, component) in enumerate(components):
            if index == len(components) - 1:
                w.limit = entries
            else:
                w.limit = min(entries, w.count + int(remaining * weight / total_weight))
            try:
                component()
            except BudgetReached:
                pass
        return dict(w.counts, entries=w.count)
    finally:
        os.umask(old_umask)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest")
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    counts = generate(args.dest, args.entries, args.seed)
    print(counts)


if __name__ == "__main__":
    main(sys.argv[1:])
