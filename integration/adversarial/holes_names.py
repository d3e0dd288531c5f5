"""#12 item 7: odd names (control characters, invalid UTF-8, bidi, backslashes) through report.toml
and the start-up check."""

import os

import cnb
import process
from case_types import Case

# --- Item 7: odd names through the report and the start-up check ------------------------------

ODD_ROOTS = [
    b"new\nline",
    b"tab\there",
    b"cr\rhere",
    b"ctl\x01x",
    b"esc\x1b[31mred",
    b"del\x7f",
    b"bidi\xe2\x80\xaeevil",
    b"c1\xc2\x85next",
    b"bad\\xFF",
    b"bad\xff",
    b"half\xc3",
    b"back\\slash",
    b"brace\\u{41}",
    b"caf\xc3\xa9",
    b" space ",
    b"-rf",
]


def odd_tree(t):
    base = t.dir("odd")
    for name in ODD_ROOTS:
        (base / os.fsdecode(name)).write_bytes(b"x\n")
    t.file("public/index.html")


def unescape(text):
    """The documented reversible form: backslash doubled, \\n \\t \\r, \\xNN, \\u{N}."""
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        e = text[i + 1]
        if e in "\\ntr":
            out += {"\\": b"\\", "n": b"\n", "t": b"\t", "r": b"\r"}[e]
            i += 2
        elif e == "x":
            out.append(int(text[i + 2 : i + 4], 16))
            i += 4
        elif e == "u" and text[i + 2] == "{":
            close = text.index("}", i)
            out += chr(int(text[i + 3 : close], 16)).encode("utf-8")
            i = close + 1
        else:
            raise ValueError(f"unknown escape \\{e} in {text!r}")
    return bytes(out)


def odd_names(run, build):
    lc = run.lc
    report, error = lc.read_toml(lc.layers / cnb.LAYER_NAME / "report.toml")
    roots = (report or {}).get("roots", [])
    try:
        decoded = sorted(unescape(r) for r in roots)
        problem = None
    except (ValueError, IndexError) as e:
        decoded, problem = [], str(e)
    expected = sorted(b"odd/" + n for n in ODD_ROOTS)
    run.check(
        "every root in report.toml turns back into exactly its bytes (16 odd names,"
        " `bad\\xFF` as text and as a byte among them)",
        decoded == expected,
        [problem or "", f"decoded: {decoded!r}", f"expected: {expected!r}", error or ""],
    )
    run.check(
        "report.toml writes no two roots the same", len(set(roots)) == len(roots), [repr(roots)]
    )
    lc.export()
    check = lc.image_layer / "exec.d" / "group-writable-check"
    silent = exec_d(lc, check, run.layout.run)
    run.check(
        "the start-up check (run user, in the image) exits 0 and warns about nothing",
        silent.code == 0 and silent.stderr == "" and silent.stdout == "",
        silent.describe(),
    )
    # The control: the check does look at these roots. Take the group's write away from one odd
    # root and remove another: exactly those two are named.
    os.chmod(lc.image_workspace / os.fsdecode(b"odd/bidi\xe2\x80\xaeevil"), 0o644)
    os.unlink(lc.image_workspace / os.fsdecode(b"odd/bad\xff"))
    warned = exec_d(lc, check, run.layout.run)
    warnings = [ln for ln in warned.stderr.splitlines() if ln.startswith("! Warning:")]
    run.check(
        "control: with one odd root not writable and one gone, the check warns exactly"
        " twice, naming each in its escaped form",
        warned.code == 0
        and len(warnings) == 2
        and any("bidi\\u{202E}evil" in w for w in warnings)
        and any("bad\\xFF" in w and "bad\\\\xFF" not in w for w in warnings),
        warned.describe(),
    )
    # `doctor` shows the same two in the same form, and the text `bad\xFF` (still there) in
    # another one: `odd/bad\\xFF` is writable, `odd/bad\xFF` is missing.
    binary = lc.buildpack.path / "bin" / "group-writable"
    doctor = process.run_as(
        run.layout.run,
        [binary, "doctor", "--report", lc.image_layer / "report.toml"],
        {"PATH": cnb.PATH_ENV},
        lc.image_workspace,
    )
    lines = doctor.stdout.splitlines()
    run.check(
        "`doctor` tells the text `bad\\xFF` (writable) from the byte 0xFF (missing)",
        "  - `odd/bad\\\\xFF` is writable" in lines
        and "! Warning: `odd/bad\\xFF` is missing" in lines,
        doctor.describe(limit=60),
    )


def exec_d(lc, program, user):
    fd3 = lc.root / "exec.d-output.toml"
    env = {"PATH": cnb.PATH_ENV, "HOME": "/nonexistent", "CNB_APP_DIR": str(lc.image_workspace)}
    return process.run_exec_d(user, program, env, lc.image_workspace, fd3)


# Item 7: odd names through the report and the start-up check
CASES = [
    Case(
        "odd-name-roots",
        "16 roots with control characters, invalid UTF-8, bidi and C1"
        " characters, backslashes and the text `bad\\xFF` beside the byte: report.toml gives"
        " back each exact name, the start-up check warns about none",
        odd_tree,
        ["/odd/*"],
        ["odd/" + os.fsdecode(n) for n in ODD_ROOTS],
        after_build=odd_names,
        probe=False,
    ),
]
