"""Random pattern lists for the differential test, built mostly from the tree's own names."""

from dataclasses import dataclass

from trees import TWIN_BYTES, gen_atom

POSIX_CLASSES = {
    "alnum": lambda b: chr(b).isalnum() and b < 128,
    "alpha": lambda b: chr(b).isalpha() and b < 128,
    "blank": lambda b: b in b" \t",
    "cntrl": lambda b: b < 32 or b == 127,
    "digit": lambda b: 48 <= b <= 57,
    "graph": lambda b: 33 <= b <= 126,
    "lower": lambda b: 97 <= b <= 122,
    "print": lambda b: 32 <= b <= 126,
    "punct": lambda b: 33 <= b <= 126 and not chr(b).isalnum(),
    "space": lambda b: b in b" \t\n\r\v\f",
    "upper": lambda b: 65 <= b <= 90,
    "xdigit": lambda b: chr(b) in "0123456789abcdefABCDEF",
}
CLASS_SPECIAL = b"]\\-^![:"


def class_member(byte):
    c = bytes([byte])
    return b"\\" + c if c in CLASS_SPECIAL else c


def gen_class(rng, byte):
    """A bracket expression; it usually contains `byte`, sometimes deliberately not."""
    other = rng.choice(b"abcxyz0_ .[]!^-\\\xc3\xff")
    roll = rng.random()
    if roll < 0.2:
        return b"[" + class_member(byte) + class_member(other) + b"]"
    if roll < 0.35:
        lo, hi = max(0, byte - rng.randint(0, 3)), min(255, byte + rng.randint(0, 3))
        if rng.random() < 0.15:
            lo, hi = hi + 1, lo  # a reversed (empty) range
        if lo > 255 or hi < 0:
            lo, hi = byte, byte
        return b"[" + class_member(lo) + b"-" + class_member(min(hi, 255)) + b"]"
    if roll < 0.55:
        excluded = other if rng.random() < 0.8 else byte
        return b"[" + rng.choice([b"!", b"^"]) + class_member(excluded) + b"]"
    if roll < 0.65:
        if byte == ord("]"):
            return rng.choice([b"[]]", b"[]a]", b"[!a]", b"[]-a]"])
        return b"[]" + class_member(byte) + b"]"
    if roll < 0.90:
        names = [n for n, test in POSIX_CLASSES.items() if test(byte)]
        if not names or rng.random() < 0.4:
            names = list(POSIX_CLASSES)
        name = rng.choice(names).encode()
        inner = b"[:" + name + b":]"
        if rng.random() < 0.3:
            inner += rng.choice([b"[:digit:]", b"x", b"\\]", b"a-c"])
        if rng.random() < 0.1:
            return b"[!" + inner + b"]"
        return b"[" + inner + b"]"
    return rng.choice([b"[", b"[a", b"[[:nope:]]", b"[\\", b"[]", b"[!]", b"[a-]", b"[[:alpha:]"])


def escape_byte(byte, raw):
    c = bytes([byte])
    if c == b"\n":
        return b"?"
    if not raw and c in b"*?[\\":
        return b"\\" + c
    return c


def render_component(rng, name, raw):
    """A pattern piece matching `name`: escaped literally, or with some bytes turned into
    wildcards."""
    out = bytearray()
    mutate = rng.random() < 0.45
    i = 0
    while i < len(name):
        if mutate and rng.random() < 0.2:
            roll = rng.random()
            if roll < 0.35:
                out += b"?"
                i += 1
                continue
            if roll < 0.65:
                out += b"*"
                i += rng.randint(0, 3)
                continue
            out += gen_class(rng, name[i])
            i += 1
            continue
        out += escape_byte(name[i], raw)
        i += 1
    return bytes(out)


def finish_line(rng, body, negate):
    """Escapes a leading `#`/`!` and trailing spaces, adds `!` and decorations."""
    if body[:1] in (b"#", b"!") and rng.random() < 0.85:
        body = b"\\" + body
    if body.endswith(b" ") and not body.endswith(b"\\ ") and rng.random() < 0.8:
        body = body[:-1] + b"\\ "
    line = (b"!" if negate else b"") + body
    roll = rng.random()
    if roll < 0.08:
        line += b" " * rng.randint(1, 3)
    elif roll < 0.10:
        line += b"\t"
    return line


# Whole patterns of their own, odd ones included (`!`, `/`, `\\`, `//`, ...).
ODD_PATTERNS = [
    b"*",
    b"**",
    b"/*",
    b"*/*",
    b"/**",
    b"**/*",
    b"?",
    b"*/",
    b"/*/",
    b"**/**",
    b"a*",
    b"*.*",
    b".*",
    b"*.txt",
    b"[a-c]*",
    b"*[!a]",
    b"!",
    b"/",
    b"\\",
    b"//",
    b"\\!",
    b"\\#",
    b"\\ ",
    b"\\ \\ ",
    b"*\\",
    b"\\a",
    b"./*",
]


def pattern_from_entry(rng, entry, raw):
    parts = entry.path.split(b"/")
    comp = [render_component(rng, p, raw) for p in parts]
    k = len(parts)
    roll = rng.random()
    dir_only = rng.random() < 0.3
    if roll < 0.22:
        body = comp[-1]
    elif roll < 0.40:
        body = (b"/" if rng.random() < 0.5 or k == 1 else b"") + b"/".join(comp)
    elif roll < 0.50:
        body = b"**/" + b"/".join(comp[rng.randint(0, k - 1) :])
    elif roll < 0.58:
        body = b"/".join(comp[: rng.randint(1, k)]) + b"/**"
        dir_only = dir_only and rng.random() < 0.3
    elif roll < 0.65 and k >= 2:
        j = rng.randint(0, k - 2)
        m = rng.randint(j + 1, k - 1)
        body = b"/".join(comp[: j + 1]) + b"/**/" + b"/".join(comp[m:])
    elif roll < 0.73 and k >= 2:
        j = rng.randint(0, k - 1)
        comp = comp[:j] + [rng.choice([b"*", b"**", b"?*", b"*" + comp[j][-1:]])] + comp[j + 1 :]
        body = b"/".join(comp)
    elif roll < 0.78:
        body = b"/" + comp[0]
    elif roll < 0.85 and k >= 2:
        body = b"/".join(comp[: rng.randint(1, k - 1)])
    elif roll < 0.96:
        body = b"*" + b"".join(escape_byte(b, raw) for b in parts[-1][-rng.randint(1, 3) :])
    else:
        body = rng.choice(ODD_PATTERNS)
    if dir_only:
        body += b"/"
    return body


def name_glob(rng, entry, raw, under_parent):
    """A glob on an entry's last component with its fixed bytes at the start, at the end, in the
    middle or throughout, maybe under `**/` (with `under_parent`, mostly under `**/` and its
    parent's component): the shapes the walker groups by the fixed bytes they need once a list has
    16 or more of them."""
    parts = entry.path.split(b"/")
    pieces = []
    for byte in parts[-1]:
        roll = rng.random()
        if roll < 0.1:
            pieces.append(b"?")
        elif roll < 0.2:
            pieces.append(gen_class(rng, byte))
        else:
            pieces.append(escape_byte(byte, raw))
    start = rng.randint(0, len(pieces))
    end = rng.randint(start, len(pieces))
    shape = rng.random()
    if shape < 0.3:
        body = b"".join(pieces[:end]) + b"*"
    elif shape < 0.6:
        body = b"*" + b"".join(pieces[start:])
    elif shape < 0.85:
        body = b"*" + b"".join(pieces[start:end]) + b"*"
    else:
        body = b"".join(pieces)
    roll = rng.random()
    if len(parts) >= 2 and (roll < 0.15 or (under_parent and roll < 0.85)):
        body = b"**/" + render_component(rng, parts[-2], raw) + b"/" + body
    elif roll < 0.45:
        body = b"**/" + body
    return body


def random_pattern(rng):
    pieces = []
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        if roll < 0.55:
            pieces.append(gen_atom(rng).replace(b"\n", b""))
        elif roll < 0.70:
            pieces.append(b"/")
        elif roll < 0.80:
            pieces.append(b"*")
        elif roll < 0.85:
            pieces.append(b"?")
        elif roll < 0.90:
            pieces.append(b"**")
        else:
            pieces.append(gen_class(rng, rng.choice(b"abc.x ")))
    return b"".join(pieces)


def git_unsafe(line):
    """Shapes git 2.39 gets wrong or too slowly (see the brief): many stars, `**` not between
    slashes."""
    if line.count(b"*") >= 8:
        return True
    body = line[1:] if line.startswith(b"!") else line
    i = 0
    while i < len(body):
        if body[i] != ord("*"):
            i += 1
            continue
        j = i
        while j < len(body) and body[j] == ord("*"):
            j += 1
        if j - i >= 2:
            before_ok = i == 0 or (
                body[i - 1] == ord("/") and not (i >= 2 and body[i - 2] == ord("\\"))
            )
            after = body[j:]
            after_ok = after.startswith(b"/") or after.rstrip(b" ") == b""
            if not (before_ok and after_ok):
                return True
        i = j
    return False


@dataclass
class PatternFile:
    """A patterns file: an optional UTF-8 BOM and lines, each with its own terminator."""

    bom: bool
    lines: list

    def data(self):
        return (b"\xef\xbb\xbf" if self.bom else b"") + b"".join(self.lines)


def gen_patterns(rng, entries):
    many = bool(entries) and rng.random() < 0.12  # enough globs for the walker's literal index
    count = rng.randint(24, 48) if many else rng.randint(1, 12)
    under_parent = rng.random() < 0.5
    crlf = rng.random() < 0.15
    mixed = rng.random() < 0.05
    lines = []
    for i in range(count):
        roll = rng.random()
        if roll < 0.07:
            line = b"#" + rng.choice([b"", b" comment", b" *", b"!x", b"#"])
        elif roll < 0.12:
            line = rng.choice([b"", b" ", b"   ", b"\t"])
        else:
            for _ in range(20):
                raw = rng.random() < 0.12
                kind = rng.random()
                if many and kind < 0.85:
                    body = name_glob(rng, rng.choice(entries), raw, under_parent)
                elif entries and kind < 0.74:
                    body = pattern_from_entry(rng, rng.choice(entries), raw)
                elif kind < 0.86:  # a class probe, matched against every basename
                    body = (
                        rng.choice([b"", b"*", b"?", b"?*", b"*/"])
                        + gen_class(rng, rng.choice(TWIN_BYTES))
                        + rng.choice([b"", b"*", b"?", b"*?"])
                    )
                else:
                    body = random_pattern(rng)
                line = finish_line(rng, body, negate=rng.random() < (0.12 if i == 0 else 0.3))
                if b"\n" not in line and not git_unsafe(line):
                    break
            else:
                line = b"*.never"
        terminator = b"\r\n" if crlf or (mixed and rng.random() < 0.5) else b"\n"
        lines.append(line + terminator)
    if lines and rng.random() < 0.3:
        lines[-1] = lines[-1].rstrip(b"\r\n") + (b"\r" if rng.random() < 0.1 else b"")
    return PatternFile(bom=rng.random() < 0.04, lines=lines)


# --------------------------------------------------------------------------------------------------
