"""Entry point of the integration suites (called by integration/run, as root).

Prints one `ok - ...` / `not ok - ...` line per check and ends with `N passed, M failed`.
"""

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import gwit  # noqa: E402
import lifecycle_suite  # noqa: E402
import readonly_suite  # noqa: E402
import runtime_suite  # noqa: E402
import trace_suite  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repo", required=True, help="the repository root")
    parser.add_argument("--buildpack", required=True, help="assembled buildpack dir")
    parser.add_argument("--work", required=True, help="scratch dir (root-owned, mode 755)")
    parser.add_argument("--python", required=True, help="python3 the run user can execute")
    parser.add_argument("--only", default="", help="regex: run only scenarios/cases it matches")
    parser.add_argument("--layouts", default="jammy,noble,ubi9", help="comma-separated layouts")
    parser.add_argument("--platforms", default=",".join(p.name for p in gwit.PLATFORMS),
                        help="comma-separated platform layouts (lifecycle and runtime suites)")
    parser.add_argument("--suite", choices=["all", "lifecycle", "adversarial", "runtime", "read-only", "trace"], default="all")
    args = parser.parse_args()

    reporter = gwit.Reporter()
    buildpack = gwit.Buildpack(args.buildpack)
    wanted = set(args.layouts.split(","))
    layouts = [layout for layout in gwit.LAYOUTS if layout.name in wanted]
    wanted_platforms = set(args.platforms.split(","))
    unknown = wanted_platforms - {p.name for p in gwit.PLATFORMS}
    if unknown:
        parser.error(f"unknown platforms: {', '.join(sorted(unknown))}")
    platforms = [p for p in gwit.PLATFORMS if p.name in wanted_platforms]
    only = re.compile(args.only)
    repo = Path(args.repo)

    if args.suite in ("all", "lifecycle"):
        fixtures = repo / "integration" / "fixtures"
        scenarios = [s for s in lifecycle_suite.load_scenarios(fixtures, repo)
                     if only.search(s.name)]
        runs = sum(1 for s in scenarios for p in platforms if p.name in s.platforms)
        gwit.log(f"lifecycle suite: {runs} scenario runs on {len(platforms)} platform layouts, x"
                 f" {len(layouts)} user layouts, buildpack {buildpack.id} v{buildpack.version}")
        lifecycle_suite.run(reporter, layouts, platforms, scenarios, buildpack,
                            Path(args.work) / "lifecycle", args.python)
    if args.suite in ("all", "adversarial"):
        adversarial_dir = repo / "integration" / "adversarial"
        if (adversarial_dir / "cases.py").exists():
            sys.path.insert(0, str(adversarial_dir))
            import cases  # noqa: E402
            cases.run(reporter, layouts, buildpack, Path(args.work) / "adversarial", args.python,
                      only)

    if args.suite in ("all", "runtime"):
        runtime_suite.run(reporter, layouts, platforms, buildpack, Path(args.work) / "runtime",
                          args.python, only)

    if args.suite in ("all", "read-only"):
        readonly_suite.run(reporter, layouts, buildpack, Path(args.work) / "read-only", args.python,
                           only)

    if args.suite in ("all", "trace"):
        trace_suite.run(reporter, layouts, buildpack, Path(args.work) / "trace", args.python, only)

    reporter.summary()
    return 1 if reporter.failed or reporter.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
