"""The oracle (git) and the subject (`group-writable list -z`): one comparison of their answers for
a tree and a pattern list."""

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field

from trees import materialize

TIMEOUT = 60  # seconds for one git or group-writable run


class Environment:
    """Paths shared by all cases of one process: an empty HOME so no user config or excludes
    apply."""

    def __init__(self, work):
        self.home = os.path.join(work, "home")
        os.makedirs(self.home, exist_ok=True)
        self.git_env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.home,
            "XDG_CONFIG_HOME": self.home,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "LC_ALL": "C",
        }
        self.subject_env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.home,
            "LC_ALL": "C",
        }


def git(env, gitdir, tree, args, stdin=b""):
    """Runs git on `tree` with the scratch `gitdir`: no global/system excludes, raw `-z` paths."""
    cmd = [
        "git",
        "-C",
        tree,
        "--git-dir=" + gitdir,
        "--work-tree=.",
        "-c",
        "core.excludesFile=/dev/null",
        "-c",
        "core.quotePath=true",
        "-c",
        "core.ignoreCase=false",
    ] + args
    return subprocess.run(cmd, input=stdin, capture_output=True, env=env.git_env, timeout=TIMEOUT)


def split_nul(data):
    items = data.split(b"\0")
    if items and items[-1] == b"":
        items.pop()
    return items


@dataclass
class Verdict:
    """The outcome of one comparison; `category` is None when git and group-writable agreed."""

    category: object = (
        None  # None, "mismatch", "oracle", "subject-error", "timeout", "nul-accepted"
    )
    truth: set = field(default_factory=set)
    ours: list = field(default_factory=list)
    detail: str = ""


def ask_git(env, gitdir, tree, patfile, entries):
    """git's ignored set (files as-is, dirs with `/`) and any disagreement between its two
    commands."""
    listed = git(env, gitdir, tree, ["ls-files", "-z", "-o", "-i", "--exclude-from=" + patfile])
    if listed.returncode != 0:
        raise RuntimeError("git ls-files failed: " + listed.stderr.decode(errors="replace"))
    files_ls = set(split_nul(listed.stdout))
    # check-ignore reads the same patterns from info/exclude; `./` keeps names starting with `:`
    # literal (check-ignore rejects GIT_LITERAL_PATHSPECS), and no trailing slash (lstat decides
    # directory-ness).
    query = b"".join(b"./" + e.path + b"\0" for e in entries)
    checked = git(env, gitdir, tree, ["check-ignore", "--no-index", "-z", "--stdin"], stdin=query)
    if checked.returncode not in (0, 1):
        raise RuntimeError("git check-ignore failed: " + checked.stderr.decode(errors="replace"))
    ignored = {p[2:] if p.startswith(b"./") else p for p in split_nul(checked.stdout)}
    dirs = {e.path for e in entries if e.kind == "dir"}
    files_ci = {p for p in ignored if p not in dirs}
    truth = files_ls | {d + b"/" for d in ignored & dirs}
    problem = ""
    if files_ci != files_ls:
        problem = (
            "git ls-files and git check-ignore disagree on files:\n  only ls-files: "
            f"{sorted(files_ls - files_ci)!r}\n  only check-ignore: {sorted(files_ci - files_ls)!r}"
        )
    return truth, problem


def emulator():
    """The command prefix GW_EMULATOR gives (its absolute path), [] when it is unset, None when it
    names no executable."""
    name = os.environ.get("GW_EMULATOR", "").strip()
    if not name:
        return []
    found = shutil.which(name)
    return [os.path.abspath(found)] if found else None


def ask_subject(env, binary, tree, patfile):
    cmd = EMULATOR + [binary, "list", "-z", "--app", tree, "--patterns-file", patfile]
    return subprocess.run(cmd, capture_output=True, env=env.subject_env, timeout=TIMEOUT)


class Case:
    """Runs comparisons for one tree; `scratch` holds the tree, the git dir and the patterns
    file."""

    def __init__(self, env, binary, scratch, entries):
        self.env, self.binary, self.scratch = env, binary, scratch
        self.tree = os.path.join(scratch, "tree")
        self.gitdir = os.path.join(scratch, "git")
        self.patfile = os.path.join(scratch, "patterns")
        materialize(entries, self.tree)
        self.entries = entries
        subprocess.run(
            ["git", "init", "-q", "--bare", self.gitdir],
            check=True,
            env=env.git_env,
            capture_output=True,
            timeout=TIMEOUT,
        )
        os.makedirs(os.path.join(self.gitdir, "info"), exist_ok=True)

    def compare(self, patterns):
        data = patterns.data()
        with open(self.patfile, "wb") as f:
            f.write(data)
        if b"\0" in data:
            return self.expect_nul_refusal(data)
        with open(os.path.join(self.gitdir, "info", "exclude"), "wb") as f:
            f.write(data)
        try:
            truth, problem = ask_git(self.env, self.gitdir, self.tree, self.patfile, self.entries)
        except subprocess.TimeoutExpired:
            return Verdict("oracle", detail="git timed out")
        except RuntimeError as error:
            return Verdict("oracle", detail=str(error))
        if problem:
            return Verdict("oracle", truth=truth, detail=problem)
        if self.binary is None:
            return Verdict(None, truth=truth)
        try:
            result = ask_subject(self.env, self.binary, self.tree, self.patfile)
        except subprocess.TimeoutExpired:
            return Verdict(
                "timeout", truth=truth, detail=f"group-writable list ran over {TIMEOUT}s"
            )
        if result.returncode != 0:
            return Verdict(
                "subject-error",
                truth=truth,
                detail=(
                    f"group-writable list exited {result.returncode}; stderr:\n"
                    + result.stderr.decode(errors="replace")
                ),
            )
        ours = split_nul(result.stdout)
        if set(ours) != truth or len(ours) != len(set(ours)):
            dup = sorted({p for p in ours if ours.count(p) > 1})
            return Verdict(
                "mismatch",
                truth=truth,
                ours=ours,
                detail=f"duplicates in our output: {dup!r}" if dup else "",
            )
        return Verdict(None, truth=truth, ours=ours)

    def expect_nul_refusal(self, data):
        """A deliberate divergence (SECURITY.md): git cuts a pattern at a NUL byte, we refuse the
        file."""
        if self.binary is None:
            return Verdict(None)
        line = next(number for number, text in enumerate(data.split(b"\n"), 1) if b"\0" in text)
        try:
            result = ask_subject(self.env, self.binary, self.tree, self.patfile)
        except subprocess.TimeoutExpired:
            return Verdict("timeout", detail=f"group-writable list ran over {TIMEOUT}s")
        stderr = result.stderr.decode(errors="replace")
        expected = f"Line {line} of `{self.patfile}` has a NUL byte."
        if result.returncode == 1 and expected in stderr and not result.stdout:
            return Verdict(None)
        return Verdict(
            "nul-accepted",
            detail=(
                f"a pattern with a NUL byte on line {line}: expected exit 1 and {expected!r},"
                f" got exit {result.returncode}, stdout {result.stdout[:200]!r},"
                f" stderr:\n{stderr}"
            ),
        )


def compare_fresh(env, binary, work, entries, patterns):
    """One comparison in a fresh scratch dir (used while shrinking)."""
    scratch = tempfile.mkdtemp(dir=work, prefix="shrink-")
    try:
        return Case(env, binary, scratch, entries).compare(patterns)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# --------------------------------------------------------------------------------------------------


EMULATOR = emulator()
