"""How the runtime suite runs the image's programs (the exec.d check as the launcher runs it, the
CLI) and what every such run must show: exit 0, nothing on stdout, valid TOML on fd 3, the
warnings per root, the OpenShift hint, `doctor`'s findings. A mixin of RuntimeRun."""

import re
import time
import tomllib

import cnb
import process

# A run of the check is a process start and a few stat calls; this only catches a hang or a
# walk of the whole tree, not noise.
TIME_LIMIT_SECONDS = 2.0


class RuntimeChecks:
    """Runs and expectations (uses RuntimeRun's check, r, label and lc)."""

    def exec_d(self, program, user, extra_env=None, nofile=None):
        """Runs `program` as the launcher runs exec.d: cwd = the app, fd 3 open for its output
        (under `prlimit --nofile=N:N` when `nofile` is given; fd 3 counts)."""
        fd3 = self.lc.root / "exec.d-output.toml"
        env = {
            "PATH": cnb.PATH_ENV,
            "HOME": "/nonexistent",
            "CNB_APP_DIR": str(self.lc.image_workspace),
        }
        env.update(extra_env or {})
        limits = () if nofile is None else (f"--nofile={nofile}:{nofile}",)
        started = time.monotonic()
        outcome = process.run_exec_d(
            user, program, env, self.lc.image_workspace, fd3, limits=limits
        )
        elapsed = time.monotonic() - started
        return outcome, fd3.read_bytes(), elapsed

    def run_cli(self, user, argv, extra_env=None):
        env = {"PATH": cnb.PATH_ENV}
        env.update({k: str(v) for k, v in (extra_env or {}).items()})
        return process.run_as(user, argv, env, self.lc.root)

    def expect_common(self, what, result):
        outcome, fd3, elapsed = result
        self.check(f"{what}: exits 0", outcome.code == 0, outcome.describe())
        self.check(f"{what}: prints nothing on stdout", outcome.stdout == "", outcome.describe())
        try:
            variables = tomllib.loads(fd3.decode("utf-8"))
            problem = None if variables == {} else f"variables: {variables!r}"
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            problem = f"{type(e).__name__}: {e}; fd 3: {fd3!r}"
        self.check(f"{what}: fd 3 is valid TOML with no variables", problem is None, [problem])
        self.check(
            f"{what}: finishes within {TIME_LIMIT_SECONDS} s",
            elapsed < TIME_LIMIT_SECONDS,
            [f"took {elapsed:.3f} s"],
        )
        self.check(
            f"{what}: no crash", not process.has_backtrace(outcome.stderr), outcome.describe()
        )

    def expect_silent(self, what, result):
        self.expect_common(what, result)
        outcome = result[0]
        self.check(f"{what}: says nothing on stderr", outcome.stderr == "", outcome.describe())

    def expect_warnings(self, what, result, roots, title, suggestion):
        self.expect_common(what, result)
        stderr = result[0].stderr
        warnings = sorted(line for line in stderr.splitlines() if line.startswith("! Warning: "))
        self.r.equal(
            f"{self.label}: {what}: one warning per root: `ROOT` {title}",
            warnings,
            sorted(f"! Warning: `{root}` {title}" for root in roots),
        )
        self.check(f"{what}: suggests {suggestion!r}", suggestion in stderr, stderr.splitlines())

    def expect_gid0_hint(self, what, text, roots, group, present):
        """A process in group 0 on an image of another group (OpenShift running an image built
        without `--gid 0`) is told, for each root, why and to build with `pack build --gid 0`;
        any other process is not."""
        lines = text.splitlines()
        detail = (
            f"! The process is in group 0, as OpenShift runs containers (an arbitrary uid in"
            f" group 0), but the image's files belong to group {group}."
        )
        fix = (
            "! - Build with `pack build --gid 0` (the lifecycle then gives every file group 0),"
            " so any uid OpenShift picks can write what the build selected."
        )
        if present:
            self.r.equal(
                f"{self.label}: {what}: each of the {len(roots)} warnings says the"
                " process is in group 0 and suggests `pack build --gid 0` first",
                (
                    lines.count(detail),
                    lines.count(fix),
                    sum(
                        1
                        for a, b in zip(lines, lines[1:], strict=False)
                        if a == "! How to fix it:" and b == fix
                    ),
                ),
                (len(roots), len(roots), len(roots)),
            )
        else:
            self.check(
                f"{what}: no `pack build --gid 0` suggestion (the process is not in group 0)",
                "--gid 0" not in text and detail not in lines,
                lines,
            )

    def expect_doctor(self, what, outcome, roots, report_path, group):
        self.check(f"{what}: exits 0", outcome.code == 0, outcome.describe())
        origin = f"`{report_path}`" if report_path else "the app's configuration"
        heading = f"- Checking {len(roots)} writable paths from {origin}"
        self.check(
            f"{what}: prints {heading!r}",
            heading in outcome.stdout.splitlines(),
            outcome.describe(),
        )
        pattern = re.compile(
            r"^! Warning: `(.*)` is not writable: the process is not in group (\d+)$"
        )
        found = sorted(
            (m.group(1), int(m.group(2)))
            for m in map(pattern.match, outcome.stdout.splitlines())
            if m
        )
        self.r.equal(
            f"{self.label}: {what}: one warning per root, naming group {group}",
            found,
            sorted((root, group) for root in roots),
        )
