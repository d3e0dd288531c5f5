"""Regression cases for #22 items 3, 8, 9 and 10 through the real executables.

- Configuration is never lost silently (item 3): a platform `env/` file of a variable that is not
  UTF-8, a symlink, or over the cap, and a NUL byte in a pattern, each stop detect and build with
  an error naming the variable (and the line); nothing changes.
- The previous image's `<layer>.toml` is input (item 9): one that would abort toml++, and one whose
  roots forge log lines with ESC, U+202E and newlines, give one warning and no forged line.
- Separators reach no log raw (item 8): selected names with U+2028, U+2029 and U+061C are escaped in
  the DEBUG listing.
- `check` answers as `git check-ignore` (item 10): a path outside the app is an error,
  `tmp/../tmp/x` is selected by `/tmp/`, the app directory itself never.
"""

import os

import cnb
from case_types import Case, Command

ERROR = cnb.ERROR
CANNOT_READ = r"! Cannot read `{}`"


def plain(t):
    t.file("tmp/a")
    t.file("storage/private/secret")
    t.file("config/app.yml")


def env_symlink(t):
    path = t.lc.platform_dir / "env" / "BP_GROUP_WRITABLE_PATHS"
    os.symlink("/etc/hostname", path)


def previous_metadata(text):
    def plant(t):
        path = t.lc.layers / (cnb.LAYER_NAME + ".toml")
        path.write_bytes(text)
        uid, gid = t.lc.layout.build
        os.chown(path, uid, gid)

    return plant


FORGED_ROOTS = (
    '[metadata]\nversion = "0.2.0"\nroots-total = -5\nroots = ["/x\\u001b[2J", '
    '"/y\\u202e", "/z\\n- Done (0.0s)", "/' + "w" * 100000 + '/"]\n'
).encode()


def separator_names(t):
    for name in ("line\u2028sep", "para\u2029sep", "arabic\u061cmark"):
        t.file("tmp/" + name)


def no_raw_separators(run, build):
    text = build.stdout + build.stderr
    raw = [c for c in ("\u2028", "\u2029", "\u061c", "\x1b") if c in text]
    run.check("no U+2028, U+2029, U+061C or ESC reaches the build log raw", not raw, [repr(raw)])


def no_forged_lines(run, build):
    text = build.stdout + build.stderr
    run.check(
        "no ESC, U+202E or forged `- Done` line reaches the log",
        "\x1b" not in text and "\u202e" not in text and "\n- Done (0.0s)" not in text,
        [text[-2000:]],
    )
    run.check(
        "the log stays small (the 100 KB root is not printed whole)",
        len(text) < 64 * 1024,
        [f"{len(text)} bytes"],
    )


CASES = [
    Case(
        "env-not-utf8",
        "BP_GROUP_WRITABLE=false plus a stray byte is an error, not ignored",
        plain,
        ["/tmp/"],
        ["tmp/"],
        exit=ERROR,
        detect=ERROR,
        exact_selection=False,
        env={"BP_GROUP_WRITABLE": "false\udcff"},
        probe=False,
        detect_messages=[CANNOT_READ.format("BP_GROUP_WRITABLE"), r"is not UTF-8"],
        messages=[CANNOT_READ.format("BP_GROUP_WRITABLE")],
        unchanged=["tmp", "tmp/a"],
    ),
    Case(
        "env-exclusive-stray-byte",
        "BP_GROUP_WRITABLE_EXCLUSIVE=yes plus a stray byte is an error naming it",
        plain,
        ["/tmp/"],
        ["tmp/"],
        exit=ERROR,
        detect=ERROR,
        exact_selection=False,
        env={"BP_GROUP_WRITABLE_EXCLUSIVE": "yes\udce9"},
        probe=False,
        detect_messages=[CANNOT_READ.format("BP_GROUP_WRITABLE_EXCLUSIVE")],
        messages=[CANNOT_READ.format("BP_GROUP_WRITABLE_EXCLUSIVE")],
        unchanged=["tmp"],
    ),
    Case(
        "env-over-cap",
        "a BP_GROUP_WRITABLE_PATHS file over 1 MiB is the cap's error, not 'not opted in'",
        plain,
        ["/tmp/"],
        ["tmp/"],
        exit=ERROR,
        detect=ERROR,
        exact_selection=False,
        env={"BP_GROUP_WRITABLE_PATHS": "/tmp/\n#" + "x" * (1 << 20)},
        probe=False,
        detect_messages=[r"BP_GROUP_WRITABLE_PATHS", r"1 MiB"],
        messages=[r"BP_GROUP_WRITABLE_PATHS", r"1 MiB"],
        unchanged=["tmp"],
    ),
    Case(
        "env-symlink",
        "a symlinked BP_GROUP_WRITABLE_PATHS file is an error naming it",
        plain,
        ["/tmp/"],
        ["tmp/"],
        exit=ERROR,
        detect=ERROR,
        exact_selection=False,
        after_chown=env_symlink,
        probe=False,
        detect_messages=[CANNOT_READ.format("BP_GROUP_WRITABLE_PATHS"), r"symbolic link"],
        messages=[CANNOT_READ.format("BP_GROUP_WRITABLE_PATHS")],
        unchanged=["tmp"],
    ),
    Case(
        "env-nul-in-pattern",
        "a NUL byte in BP_GROUP_WRITABLE_PATHS is an error naming the line"
        " (git would cut `/storage/<NUL>private/` to `/storage/`)",
        plain,
        ["/tmp/"],
        ["tmp/"],
        exit=ERROR,
        detect=ERROR,
        exact_selection=False,
        probe=False,
        env={"BP_GROUP_WRITABLE_PATHS": "/tmp/\n/storage/\x00private/\n"},
        detect_messages=[r"NUL byte", r"[Ll]ine 2"],
        messages=[r"NUL byte", r"[Ll]ine 2"],
        unchanged=["storage", "storage/private", "storage/private/secret"],
    ),
    Case(
        "previous-metadata-abort",
        "a previous <layer>.toml that would abort toml++ gives one warning, and the build goes on",
        plain,
        ["/tmp/"],
        ["tmp/"],
        after_chown=previous_metadata(b"[[[a]]]\nroots = [}\n"),
        messages=[r"! Warning: Not comparing with the previous image"],
        warnings=[r"Not comparing with the previous image"],
    ),
    Case(
        "previous-metadata-forged",
        "forged roots in the previous <layer>.toml (ESC, U+202E,"
        " newlines, a 100 KB root, roots-total -5) never reach the log raw",
        plain,
        ["/tmp/"],
        ["tmp/"],
        after_chown=previous_metadata(FORGED_ROOTS),
        after_build=no_forged_lines,
        warnings=[r"Not comparing with the previous image"],
    ),
    Case(
        "separators-in-names",
        "U+2028, U+2029 and U+061C in selected names are escaped in the DEBUG listing",
        separator_names,
        ["/tmp/"],
        ["tmp/"],
        env={"BP_LOG_LEVEL": "DEBUG"},
        after_build=no_raw_separators,
    ),
    Case(
        "check-like-git",
        "check answers as git check-ignore: outside the app an error, `..`"
        " normalised, the app directory never selected",
        plain,
        ["/tmp/"],
        ["tmp/"],
        commands=[
            Command(
                ["{gw}", "check", "-p", "*", "--", "/etc/passwd"],
                1,
                messages=[r"! `/etc/passwd` is outside the app directory"],
            ),
            Command(
                ["{gw}", "check", "-p", "/tmp/", "--", "tmp/../tmp/x"],
                0,
                stdout="--pattern:1:/tmp/\ttmp/../tmp/x\n",
            ),
            Command(["{gw}", "check", "-p", "*", "--", "."], 1, stdout="::\t.\n"),
        ],
    ),
]
