"""Random trees for the differential test: names rich in glob metacharacters, spaces, dots,
unicode, invalid UTF-8 and control characters; deep and wide dirs, empty dirs, files, symlinks."""

import os
from dataclasses import dataclass

LETTERS = [b"a", b"b", b"c", b"A", b"B", b"x", b"y", b"z", b"0", b"1", b"9", b"_", b"-"]
GLOB = [b"*", b"?", b"[", b"]", b"!", b"#", b"\\", b"^", b":", b"{", b"}", b"~", b"$", b"'", b'"']
UNICODE = [s.encode() for s in ["é", "ß", "日本", "😀", "e\u0301", "Ω", "ı", "\u00a0", "\u200b"]]
INVALID = [b"\xff", b"\xc3", b"\x80", b"\xed\xa0\x80", b"\xc0\xaf", b"\xfe", b"\xe2\x82"]
CONTROL = [b"\t", b"\n", b"\r", b"\x01", b"\x7f"]
FORBIDDEN_NAMES = {b".", b"..", b".git", b".gitignore"}
TWIN_BYTES = b"09AZaz ._-\t\r\xc3\xa9\xff[]!^\\*?#:"


def gen_atom(rng):
    roll = rng.random()
    if roll < 0.50:
        return rng.choice(LETTERS)
    if roll < 0.72:
        return rng.choice(GLOB)
    if roll < 0.80:
        return b" "
    if roll < 0.87:
        return b"."
    if roll < 0.94:
        return rng.choice(UNICODE)
    if roll < 0.98:
        return rng.choice(INVALID)
    return rng.choice(CONTROL)


def gen_name(rng):
    while True:
        shape = rng.random()
        if shape < 0.08:
            name = b"." + b"".join(gen_atom(rng) for _ in range(rng.randint(1, 4)))
        elif shape < 0.14:
            name = b" " + b"".join(gen_atom(rng) for _ in range(rng.randint(0, 3)))
        elif shape < 0.20:
            name = b"".join(gen_atom(rng) for _ in range(rng.randint(1, 3))) + b" " * rng.randint(
                1, 2
            )
        elif shape < 0.26:
            name = rng.choice([b"#", b"!", b"\\", b"*", b"[", b"?", b":"]) + b"".join(
                gen_atom(rng) for _ in range(rng.randint(0, 3))
            )
        elif shape < 0.34:
            name = (
                b"".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 3)))
                + b"."
                + rng.choice([b"txt", b"log", b"c", b"py", b"tmp", b"x"])
            )
        else:
            name = b"".join(gen_atom(rng) for _ in range(rng.randint(1, 6)))
        if name and name not in FORBIDDEN_NAMES and b"/" not in name and b"\0" not in name:
            return name


# --------------------------------------------------------------------------------------------------
# Trees
# --------------------------------------------------------------------------------------------------


@dataclass
class Entry:
    """One tree entry: kind is 'dir', 'file' or 'link' (symlink, with its target)."""

    path: bytes
    kind: str
    target: bytes = b""


def gen_tree(rng):
    size = rng.randint(20, 80)
    pool = [gen_name(rng) for _ in range(rng.randint(3, 12))]
    for name in list(pool):  # near-twins, so wildcards and classes are tested on differing bytes
        for _ in range(rng.randint(1, 3) if rng.random() < 0.5 else 0):
            i = rng.randrange(len(name))
            twin = name[:i] + bytes([rng.choice(TWIN_BYTES)]) + name[i + 1 :]
            if twin not in FORBIDDEN_NAMES and twin not in pool:
                pool.append(twin)
    entries = []
    children = {b"": set()}  # dir path -> names in it
    dirs = [b""]

    def add(parent, name, kind):
        if name in children[parent]:
            return None
        children[parent].add(name)
        path = parent + b"/" + name if parent else name
        if kind == "dir":
            children[path] = set()
            dirs.append(path)
        target = b""
        if kind == "link":
            target = rng.choice(
                [b".", b"..", b"missing", rng.choice(pool), b"../" + rng.choice(pool)]
            )
        entries.append(Entry(path, kind, target))
        return path

    for _ in range(rng.randint(2, 6)):  # a few top-level entries
        add(
            b"",
            rng.choice(pool) if rng.random() < 0.5 else gen_name(rng),
            "dir" if rng.random() < 0.5 else "file",
        )
    if rng.random() < 0.25:  # a deep chain
        parent = b""
        for _ in range(rng.randint(4, 8)):
            parent = add(parent, rng.choice(pool), "dir") or parent
    wide = rng.choice(dirs) if rng.random() < 0.3 else None
    attempts = 0
    while len(entries) < size and attempts < size * 20:
        attempts += 1
        if wide is not None and rng.random() < 0.3:
            parent = wide
        elif rng.random() < 0.3:
            parent = max(dirs, key=lambda d: (d.count(b"/") if d else -1, rng.random()))
        else:
            parent = rng.choice(dirs)
        depth = parent.count(b"/") + 1 if parent else 0
        roll = rng.random()
        kind = (
            "dir" if roll < (0.40 if depth < 6 else 0.05) else ("link" if roll > 0.95 else "file")
        )
        name = rng.choice(pool) if rng.random() < 0.65 else gen_name(rng)
        add(parent, name, kind)
    return entries


def normalize_tree(entries):
    """Keeps only entries whose parent directories are all present (after shrinking removed
    some)."""
    dirs = {e.path for e in entries if e.kind == "dir"}
    kept = []
    for e in entries:
        parts = e.path.split(b"/")
        if all(b"/".join(parts[:i]) in dirs for i in range(1, len(parts))):
            kept.append(e)
    return kept


def materialize(entries, root):
    os.mkdir(root)
    broot = os.fsencode(root)
    for e in sorted(entries, key=lambda e: e.path.count(b"/")):
        path = broot + b"/" + e.path
        if e.kind == "dir":
            os.mkdir(path)
        elif e.kind == "file":
            with open(path, "wb") as f:
                f.write(b"x\n")
        else:
            os.symlink(e.target, path)
