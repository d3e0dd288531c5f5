"""The contract's vocabulary: selection (`in_roots`, `ancestors`), the reasons an entry changes,
`Policy` and `Prediction`, and the older `expected_modes` the adversarial cases use. `predict`
(predict.py) applies the rule."""

import dataclasses
import stat

from tree import Entry


def in_roots(rel, roots):
    """Whether `rel` (a snapshot key) is selected by one of `roots` (dirs end with `/`, the app root
    is `./`)."""
    for root in roots:
        if root == "./":
            return True
        if root.endswith("/"):
            if rel == root[:-1] or rel.startswith(root):
                return True
        elif rel == root:
            return True
    return False


def ancestors(rel):
    """The proper ancestors of `rel` inside the app dir, excluding the app dir itself."""
    found = []
    slash = rel.find("/")
    while slash != -1:
        found.append(rel[:slash])
        slash = rel.find("/", slash + 1)
    return found


def granted(entry, setgid):
    """The mode the contract gives a selected entry: owner bits mirrored to the group."""
    m = entry.mode
    if entry.kind == "d":
        m |= (m & 0o700) >> 3
        if setgid:
            m |= stat.S_ISGID
    elif entry.kind == "f" and entry.nlink == 1 and not m & (stat.S_ISUID | stat.S_ISGID):
        m |= (m & 0o600) >> 3
    return m


def expected_modes(before, roots, setgid=False, created=(), umask=0o022):
    """Applies the contract's mode rule to a before-build snapshot.

    Selected entries (inside `roots`) get the owner's bits mirrored to the group; symlinks, special
    files, hard-linked and setuid/setgid files keep their mode; ancestors of selected entries that
    lack g+x get it; the app dir itself changes only when `./` is a root. `created` dirs did not
    exist before: `mkdir` makes them under the build user's umask, then they are made writable like
    any selected dir.
    """
    entries = dict(before)
    for rel in created:
        entries[rel] = Entry("d", 0o777 & ~umask, 0, 0, 2)
    result = {rel: e.mode for rel, e in entries.items()}
    for rel, entry in entries.items():
        if in_roots(rel, roots) and (rel != "." or "./" in roots):
            result[rel] = granted(entry, setgid)
    # Every selected entry is a root or below one, so the unselected ancestors are the roots'.
    for root in roots:
        for parent in ancestors(root.rstrip("/")):
            if parent in result and not in_roots(parent, roots) and not result[parent] & 0o010:
                result[parent] |= 0o010
    return result


SQLITE_HEADER = b"SQLite format 3\0"
GRANTED, ANCESTOR, WORLD, GROUP, DATABASE = (
    "granted",
    "ancestor-search",
    "world-write-removed",
    "group-write-removed",
    "database-directory",
)
PROTECTED = "protected-write-removed"  # group write off a setuid/setgid file


@dataclasses.dataclass(frozen=True)
class Policy:
    """The settings that shape the build's mode rule (the scenario states them in `[expect]`)."""

    setgid: bool = False
    keep_world_writable: bool = False
    exclusive: bool = False
    sqlite_directories: bool = True


@dataclasses.dataclass
class Prediction:
    """What the contract says one build does to an app dir, derived from the tree before it.

    `modes`: every entry's mode after the build; `reasons`: why each entry the build user owns
    changes; `kept`: entries another user owns that change nothing although the rule wants them to
    ({path: (mode, wanted)}); `failed`: selected entries another user owns that lack what they
    need; `create_failed`: `create` dirs the build user cannot make; `outside_writable`: unselected
    entries left group-writable (exclusive off); `closed_dirs`: dirs of selected files that stay
    closed to the group; `database_dirs`: dirs opened for SQLite; `selected`: the selected
    entries; `already_writable`: selected entries that had the bits.
    """

    modes: dict
    kinds: dict
    reasons: dict
    kept: dict
    failed: list
    create_failed: list
    outside_writable: list
    closed_dirs: list
    database_dirs: list
    selected: set
    already_writable: int

    @property
    def fails(self):
        return bool(self.failed or self.create_failed)

    def count(self, reason, kind=None):
        return sum(
            1
            for rel, why in self.reasons.items()
            if reason in why and (kind is None or self.kinds[rel] == kind)
        )


def parent_of(rel):
    return rel.rsplit("/", 1)[0] if "/" in rel else "."


def may_write(entry, uid, gid):
    """Whether (uid, gid), no supplementary groups, may create entries in the dir `entry`."""
    if uid == 0:
        return True
    shift = 6 if entry.uid == uid else 3 if entry.gid == gid else 0
    return (entry.mode >> shift) & 0o3 == 0o3


def is_database(path, entry):
    """An SQLite database as the contract recognises it: a regular file of at least 512 bytes, a
    multiple of 512, starting with the SQLite 3 header."""
    if entry.kind != "f" or entry.size < 512 or entry.size % 512:
        return False
    with open(path, "rb") as f:
        return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def root_rels(roots):
    """The snapshot keys of the writable roots (`tmp/` -> `tmp`, `./` -> `.`)."""
    return ["." if r == "./" else r.rstrip("/") for r in roots]
