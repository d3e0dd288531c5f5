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


def main():
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
    args = parser.parse_args()

    reporter = reporting.Reporter()
    buildpack = lifecycle.Buildpack(args.buildpack)
    if not check_executable(reporter, buildpack, args.work):
        reporter.summary()
        return 1
    wanted = set(args.layouts.split(","))
    layouts = [layout for layout in users.LAYOUTS if layout.name in wanted]
    wanted_platforms = set(args.platforms.split(","))
    unknown = wanted_platforms - {p.name for p in users.PLATFORMS}
    if unknown:
        parser.error(f"unknown platforms: {', '.join(sorted(unknown))}")
    platforms = [p for p in users.PLATFORMS if p.name in wanted_platforms]
    only = re.compile(args.only)
    repo = Path(args.repo)
    work = Path(args.work)
    emulated = emulation.active()
    ran = []

    def timed(name, body, note=""):
        started = time.monotonic()
        body()
        ran.append(f"{name} ({time.monotonic() - started:.0f} s{note})")
        reporting.log(f"{name} suite: {time.monotonic() - started:.1f} s")

    if args.suite in ("all", "lifecycle"):
        fixtures = repo / "integration" / "fixtures"
        chosen = [s for s in scenarios.load_scenarios(fixtures, repo) if only.search(s.name)]
        reduced = args.matrix == "reduced"
        runs = scenarios.matrix(layouts, platforms, chosen, reduced)
        reporting.log(
            f"lifecycle suite: {len(runs)} scenario runs on {len(platforms)} platform layouts"
            f" and {len(layouts)} user layouts ({args.matrix} matrix), buildpack {buildpack.id}"
            f" v{buildpack.version} ({buildpack.arch})"
        )
        timed(
            "lifecycle",
            lambda: lifecycle_suite.run(reporter, runs, buildpack, work / "lifecycle", args.python),
            f", {args.matrix} matrix: {len(runs)} runs",
        )
    if args.suite in ("all", "adversarial"):
        adversarial_dir = repo / "integration" / "adversarial"
        if (adversarial_dir / "suite.py").exists():
            sys.path.insert(0, str(adversarial_dir))
            import suite  # noqa: E402

            left_out = ", ".join(suite.EMULATED_OMISSIONS) if emulated else ""
            timed(
                "adversarial",
                lambda: suite.run(
                    reporter, layouts, buildpack, work / "adversarial", args.python, only
                ),
                f"; left out: {left_out}" if left_out else "",
            )

    if args.suite in ("all", "runtime"):
        timed(
            "runtime",
            lambda: runtime_suite.run(
                reporter, layouts, platforms, buildpack, work / "runtime", args.python, only
            ),
        )

    if args.suite in ("all", "read-only"):
        timed(
            "read-only",
            lambda: readonly_suite.run(
                reporter, layouts, buildpack, work / "read-only", args.python, only
            ),
        )

    if args.suite in ("all", "trace"):
        if emulated:  # qemu-user does not emulate ptrace: one refusal check instead
            timed(
                "trace (refusal check only)",
                lambda: trace_suite.run_emulated(
                    reporter, layouts, buildpack, work / "trace", args.python, only
                ),
            )
        else:
            timed(
                "trace",
                lambda: trace_suite.run(
                    reporter, layouts, buildpack, work / "trace", args.python, only
                ),
            )

    if emulated:
        expected = SUITES if args.suite == "all" else [args.suite]
        names = [name.split(" (")[0] for name in ran]
        reporter.check(
            f"under the emulator {emulation.emulator()} (the buildpack is"
            f" {emulation.machine_name(buildpack.machine)}), suites run:"
            f" {', '.join(ran) or 'none'}",
            names == expected,
            [f"expected: {', '.join(expected)}"],
        )
    reporter.summary()
    return 1 if reporter.failed or reporter.passed == 0 else 0


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
