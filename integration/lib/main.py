"""Entry point of the integration suites (called by integration/run, as root).

Prints one `ok - ...` / `not ok - ...` line per check and ends with `N passed, M failed`.
"""

import argparse
import os
import platform
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import cnb  # noqa: E402
import emulation  # noqa: E402
import lifecycle  # noqa: E402
import lifecycle_suite  # noqa: E402
import process  # noqa: E402
import readonly_suite  # noqa: E402
import reporting  # noqa: E402
import runtime_suite  # noqa: E402
import scenarios  # noqa: E402
import trace_suite  # noqa: E402
import users  # noqa: E402

SUITES = ["lifecycle", "adversarial", "runtime", "read-only", "trace"]
HOST_MACHINES = {"x86_64": emulation.EM_X86_64, "aarch64": emulation.EM_AARCH64}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repo", required=True, help="the repository root")
    parser.add_argument("--buildpack", required=True, help="assembled buildpack dir")
    parser.add_argument("--work", required=True, help="scratch dir (root-owned, mode 755)")
    parser.add_argument("--python", required=True, help="python3 the run user can execute")
    parser.add_argument("--only", default="", help="regex: run only scenarios/cases it matches")
    parser.add_argument("--layouts", default="jammy,noble,ubi9", help="comma-separated layouts")
    parser.add_argument(
        "--platforms",
        default=",".join(p.name for p in users.PLATFORMS),
        help="comma-separated platform layouts (lifecycle and runtime suites)",
    )
    parser.add_argument("--suite", choices=["all", *SUITES], default="all")
    parser.add_argument(
        "--matrix",
        choices=["full", "reduced"],
        default="full",
        help="reduced: each lifecycle scenario run under one user layout, rotating",
    )
    return parser, parser.parse_args()


def main():
    parser, args = parse_args()
    reporter = reporting.Reporter()
    buildpack = lifecycle.Buildpack(args.buildpack)
    if not check_executable(reporter, buildpack, args.work):
        reporter.summary()
        return 1
    wanted_platforms = set(args.platforms.split(","))
    unknown = wanted_platforms - {p.name for p in users.PLATFORMS}
    if unknown:
        parser.error(f"unknown platforms: {', '.join(sorted(unknown))}")
    run = SuiteRun(args, reporter, buildpack)
    for name in SUITES:
        if args.suite in ("all", name):
            getattr(run, name.replace("-", "_"))()
    if emulation.active():
        expected = SUITES if args.suite == "all" else [args.suite]
        names = [name.split(" (")[0] for name in run.ran]
        reporter.check(
            f"under the emulator {emulation.emulator()} (the buildpack is"
            f" {emulation.machine_name(buildpack.machine)}), suites run:"
            f" {', '.join(run.ran) or 'none'}",
            names == expected,
            [f"expected: {', '.join(expected)}"],
        )
    reporter.summary()
    return 1 if reporter.failed or reporter.passed == 0 else 0


class SuiteRun:
    """The suites of one `integration/run`, one method each (named as in SUITES), with what they
    share: the reporter, the buildpack, the chosen layouts and platforms, `--only`."""

    def __init__(self, args, reporter, buildpack):
        self.args = args
        self.reporter = reporter
        self.buildpack = buildpack
        wanted = set(args.layouts.split(","))
        self.layouts = [layout for layout in users.LAYOUTS if layout.name in wanted]
        wanted_platforms = set(args.platforms.split(","))
        self.platforms = [p for p in users.PLATFORMS if p.name in wanted_platforms]
        self.only = re.compile(args.only)
        self.repo = Path(args.repo)
        self.work = Path(args.work)
        self.python = args.python
        self.ran = []

    def timed(self, name, body, note=""):
        started = time.monotonic()
        body()
        self.ran.append(f"{name} ({time.monotonic() - started:.0f} s{note})")
        reporting.log(f"{name} suite: {time.monotonic() - started:.1f} s")

    def lifecycle(self):
        args, buildpack, layouts, platforms = (
            self.args,
            self.buildpack,
            self.layouts,
            self.platforms,
        )
        fixtures = self.repo / "integration" / "fixtures"
        chosen = [
            s for s in scenarios.load_scenarios(fixtures, self.repo) if self.only.search(s.name)
        ]
        runs = scenarios.matrix(layouts, platforms, chosen, args.matrix == "reduced")
        reporting.log(
            f"lifecycle suite: {len(runs)} scenario runs on {len(platforms)} platform layouts"
            f" and {len(layouts)} user layouts ({args.matrix} matrix), buildpack {buildpack.id}"
            f" v{buildpack.version} ({buildpack.arch})"
        )
        self.timed(
            "lifecycle",
            lambda: lifecycle_suite.run(
                self.reporter, runs, buildpack, self.work / "lifecycle", self.python
            ),
            f", {args.matrix} matrix: {len(runs)} runs",
        )

    def adversarial(self):
        adversarial_dir = self.repo / "integration" / "adversarial"
        if not (adversarial_dir / "suite.py").exists():
            return
        sys.path.insert(0, str(adversarial_dir))
        import suite  # noqa: E402

        left_out = ", ".join(suite.EMULATED_OMISSIONS) if emulation.active() else ""
        self.timed(
            "adversarial",
            lambda: suite.run(
                self.reporter,
                self.layouts,
                self.buildpack,
                self.work / "adversarial",
                self.python,
                self.only,
            ),
            f"; left out: {left_out}" if left_out else "",
        )

    def runtime(self):
        self.timed(
            "runtime",
            lambda: runtime_suite.run(
                self.reporter,
                self.layouts,
                self.platforms,
                self.buildpack,
                self.work / "runtime",
                self.python,
                self.only,
            ),
        )

    def read_only(self):
        self.timed(
            "read-only",
            lambda: readonly_suite.run(
                self.reporter,
                self.layouts,
                self.buildpack,
                self.work / "read-only",
                self.python,
                self.only,
            ),
        )

    def trace(self):
        if emulation.active():  # qemu-user does not emulate ptrace: one refusal check instead
            name, body = "trace (refusal check only)", trace_suite.run_emulated
        else:
            name, body = "trace", trace_suite.run
        self.timed(
            name,
            lambda: body(
                self.reporter,
                self.layouts,
                self.buildpack,
                self.work / "trace",
                self.python,
                self.only,
            ),
        )


def check_executable(reporter, buildpack, work):
    """Whether the buildpack's executable can run here: natively when it is for this machine, else
    under GW_EMULATOR, which the unprivileged users must be able to execute. Reports a failure."""
    try:
        qemu = emulation.emulator()
    except ValueError as e:
        return reporter.check("GW_EMULATOR names an executable", False, [str(e)])
    machine = emulation.machine_name(buildpack.machine)
    if qemu is None:
        host = HOST_MACHINES.get(platform.machine())
        return (
            host is None
            or buildpack.machine in (None, host)
            or reporter.check(
                f"the buildpack's executable ({machine}) runs on this {platform.machine()} machine",
                False,
                ["set GW_EMULATOR (e.g. qemu-aarch64-static) to run it under an emulator"],
            )
        )
    mode = os.stat(qemu).st_mode
    if not reporter.check(
        f"the emulator {qemu} is executable by every user",
        mode & 0o001 != 0,
        [f"mode {mode & 0o7777:04o}"],
    ):
        return False
    outcome = process.run_as(
        users.OUTSIDER, [buildpack.executable, "--version"], {"PATH": cnb.PATH_ENV}, work
    )
    return reporter.check(
        f"the buildpack's executable ({machine}) runs under the emulator as an"
        f" unprivileged user: `group-writable --version` prints"
        f" {buildpack.version}",
        outcome.code == 0 and outcome.stdout.strip() == buildpack.version,
        outcome.describe(),
    )


if __name__ == "__main__":
    sys.exit(main())
