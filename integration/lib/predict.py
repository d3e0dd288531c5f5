"""The model of the contract: what one build does to an app dir, derived from the tree before it."""

import dataclasses
import stat

from contract import (
    ANCESTOR,
    DATABASE,
    GRANTED,
    GROUP,
    PROTECTED,
    WORLD,
    Policy,
    Prediction,
    ancestors,
    in_roots,
    may_write,
    parent_of,
    root_rels,
)
from tree import Entry

DEFAULT_POLICY = Policy()  # frozen: shared safely as a default


def predict(
    before, roots, build_user, policy=DEFAULT_POLICY, created=(), databases=(), created_mode=0o755
):
    """Applies the contract's mode rule to a before-build snapshot.

    Selected entries (inside `roots`) get the owner's bits mirrored to the group (setgid on dirs
    with `policy.setgid`); unselected dirs above a root get `g+x` (not the app dir); the dir of a
    selected SQLite database (a root in `databases`) gets the owner's bits for the group and the
    sticky bit; with `exclusive` every other entry loses `g+w`, and the app dir, whose mode the
    platform made, loses it unless selected; every entry loses `o+w` unless `keep_world_writable`.
    Symlinks never change; setuid/setgid files are never granted and lose `g+w`; hard-linked files
    are never granted; both lose `o+w` like the rest. Entries the build user does not
    own never change: fine when they already have the bits the selection needs, else the build
    fails. `created` dirs are made first, as the build user (like `mkdir -p`, but each gets
    exactly `created_mode`, whatever the umask, plus the setgid bit a setgid parent passes down, as
    `mkdir` in such a directory does, and its group).
    """
    entries = dict(before)
    create_failed = make_created(entries, created, build_user, created_mode)
    shape = Shape.of(entries, roots, policy, databases)
    prediction = Prediction(
        {},
        {rel: e.kind for rel, e in entries.items()},
        {},
        {},
        [],
        create_failed,
        [],
        [],
        [],
        shape.selected,
        0,
    )
    for rel, entry in entries.items():
        change, skip = entry_rule(rel, entry, shape, policy)
        record(prediction, rel, entry, change, skip, shape, policy, build_user[0])
    for found in (
        prediction.failed,
        prediction.outside_writable,
        prediction.closed_dirs,
        prediction.database_dirs,
    ):
        found.sort()
    return prediction


def make_created(entries, created, build_user, created_mode):
    """Adds the `created` dirs to `entries` as the build user makes them; returns those it cannot
    make (a parent it may not write, or not a dir)."""
    uid, gid = build_user
    create_failed = []
    for rel in created:
        parts = rel.split("/")
        for depth in range(1, len(parts) + 1):
            path = "/".join(parts[:depth])
            if path in entries:
                continue
            parent = entries.get(parent_of(path))
            if parent is None or parent.kind != "d" or not may_write(parent, uid, gid):
                create_failed.append(rel)
                break
            entries[path] = Entry(
                "d",
                created_mode | (parent.mode & stat.S_ISGID),
                uid,
                parent.gid if parent.mode & stat.S_ISGID else gid,
                2,
            )
    return create_failed


@dataclasses.dataclass(frozen=True)
class Shape:
    """Where a selection sits in a tree: the selected entries, the dirs that lead to a root
    (`leads`), the dirs of selected SQLite databases (`holds_db`) and of other selected files
    (`holds_file`)."""

    selected: set
    leads: set
    holds_db: set
    holds_file: set

    @staticmethod
    def of(entries, roots, policy, databases):
        tops = set(root_rels(roots))
        whole = "." in tops
        selected = {rel for rel in entries if rel != "." and in_roots(rel, roots)} | (
            {"."} if whole else set()
        )
        leads = {"."} if tops - {"."} else set()
        for top in tops:
            leads.update(ancestors(top))
        file_roots = [rel for rel in tops if rel in entries and entries[rel].kind == "f"]
        opened = policy.sqlite_directories
        holds_db = {parent_of(rel) for rel in file_roots if rel in databases and opened}
        holds_file = {parent_of(rel) for rel in file_roots if not (rel in databases and opened)}
        return Shape(selected, leads, holds_db, holds_file)


class Change:
    """The mode the rule gives one entry, why (`why`: the reasons) and the bits the selection
    needs (`required`: an entry another user owns is fine when it has them)."""

    def __init__(self, mode):
        self.mode = mode
        self.why = set()
        self.required = 0

    def add(self, bits, reason, need=True):
        if need:
            self.required |= bits
        if self.mode | bits != self.mode:
            self.mode |= bits
            self.why.add(reason)

    def remove(self, bits, reason):
        if self.mode & bits:
            self.mode &= ~bits
            self.why.add(reason)


def entry_rule(rel, e, shape, policy):
    """(Change, skip): the rule applied to one entry; `skip` marks a selected entry the build never
    grants (a symlink, a setuid/setgid or hard-linked file, a special file)."""
    change, skip, plain = Change(e.mode), False, True
    is_selected = rel in shape.selected
    if e.kind == "l":
        skip = is_selected
        plain = False
    elif e.kind == "f" and e.mode & 0o6000:
        skip = is_selected
        change.remove(0o020, PROTECTED)
    elif e.kind == "f" and e.nlink > 1:
        skip = is_selected
        if policy.exclusive:
            change.remove(0o020, GROUP)
    elif is_selected:
        if e.kind == "d":
            change.add((e.mode & 0o700) >> 3 | (stat.S_ISGID if policy.setgid else 0), GRANTED)
        elif e.kind == "f":
            change.add((e.mode & 0o600) >> 3, GRANTED)
        else:
            skip = True
    elif e.kind == "d":
        if rel in shape.holds_db:
            change.add((e.mode & 0o700) >> 3, DATABASE)
            change.add(stat.S_ISVTX, DATABASE, need=False)
        else:
            if rel in shape.leads and rel != ".":
                change.add(0o010, ANCESTOR)
            if policy.exclusive or (rel == "." and not policy.keep_world_writable):
                change.remove(0o020, GROUP)
    elif policy.exclusive:
        change.remove(0o020, GROUP)
    if plain and not policy.keep_world_writable:
        change.remove(0o002, WORLD)
    return change, skip


def record(prediction, rel, e, change, skip, shape, policy, uid):
    """Files one entry's change in `prediction`: its mode, and the lists it belongs to."""
    p, mode, why = prediction, change.mode, change.why
    is_selected = rel in shape.selected
    if is_selected and not skip and GRANTED not in why:
        p.already_writable += 1
    # The walk visits unselected files only when it may change them.
    visited = is_selected or e.kind == "d" or policy.exclusive or not policy.keep_world_writable
    if (
        visited
        and not is_selected
        and e.kind in "df"
        and not policy.exclusive
        and mode & 0o020
        and DATABASE not in why
    ):
        p.outside_writable.append(rel)
    if rel in shape.holds_file and mode & 0o030 != 0o030:
        p.closed_dirs.append(rel)
    if mode == e.mode:
        p.modes[rel] = mode
        return
    if e.uid != uid and uid != 0:
        p.modes[rel] = e.mode
        if e.mode & change.required == change.required:
            p.kept[rel] = (e.mode, mode)
        elif why - {WORLD} == {DATABASE}:
            pass  # a database's dir the build user cannot open: a warning, not a failure
        else:
            p.failed.append(rel)
        return
    p.modes[rel] = mode
    p.reasons[rel] = frozenset(why)
    if DATABASE in why:
        p.database_dirs.append(rel)
