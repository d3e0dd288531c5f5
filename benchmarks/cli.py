"""benchmarks/run's command line and the order of a run (see benchmarks/run for what it does)."""

import argparse
import os
import shutil
import tempfile
import time

from . import floor, trace_overhead
from .bounds import bounds
from .common import (
    HERE,
    LIST_ORDER,
    PATTERNS,
    TREES,
    USERS,
    Failure,
    give_to_build_user,
    log,
    run,
    run_root,
)
from .machine import ensure_gnu_time, resolve_binary
from .pathological import PATHOLOGICAL_LIMIT_SECONDS, pathological
from .report import Results, build_report
from .runners import measure_round, measure_rss, profile_apply
from .selection import PatternList, preflight
from .startup import Buildpack, measure_detect, measure_startup, spawn_medians
from .trees import ensure_owner, ensure_tree, ensure_windows_tree, reset_tree


def parse_args(argv, doc=__doc__):
    parser = argparse.ArgumentParser(
        prog="benchmarks/run",
        description=doc.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--entries", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--cpu-repeats", type=int)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--lists")
    parser.add_argument("--detect-runs", type=int)
    parser.add_argument("--binary")
    parser.add_argument("--dynamic", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--no-results-file", action="store_true")
    parser.add_argument("--compare-binary")
    parser.add_argument("--skip-bounds", action="store_true")
    parser.add_argument("--bounds-roots", type=int)
    parser.add_argument("--bound-kill", type=float)
    parser.add_argument("--build-user", default="1001:1000")
    parser.add_argument("--run-user", default="1002:1000")
    args = parser.parse_args(argv)
    for name in ("build_user", "run_user"):
        try:
            uid, gid = (int(part) for part in getattr(args, name).split(":"))
        except ValueError:
            parser.error("--%s must be UID:GID (numbers)" % name.replace("_", "-"))
        if uid == 0:
            parser.error("--%s must not be root" % name.replace("_", "-"))
        setattr(args, name, (uid, gid))
    args.argv = argv
    if args.compare_binary:
        args.compare_binary = os.path.abspath(args.compare_binary)
        if not os.access(args.compare_binary, os.X_OK):
            parser.error("--compare-binary: not an executable: " + args.compare_binary)
    if args.entries is None:
        args.entries = 100_000
    if args.rounds is None:
        args.rounds = 1 if args.smoke else 5
    if args.cpu_repeats is None:
        args.cpu_repeats = 1 if args.smoke else 5
    if args.detect_runs is None:
        args.detect_runs = 40 if args.smoke else 200
    args.trace_runs = 5 if args.smoke else 20
    if args.bounds_roots is None:
        args.bounds_roots = 100_000 if args.smoke else 1_000_000
    if args.bound_kill is None:
        args.bound_kill = 30.0 if args.smoke else 120.0
    if args.entries < 1000 or min(args.rounds, args.cpu_repeats, args.detect_runs) < 1:
        parser.error("--entries must be >= 1000, --rounds, --cpu-repeats and --detect-runs >= 1")
    names = args.lists.split(",") if args.lists else LIST_ORDER
    for name in names:
        if not os.path.isfile(os.path.join(PATTERNS, name + ".gitignore")):
            parser.error("no pattern list %s (benchmarks/patterns/%s.gitignore)" % (name, name))
    args.names = names
    return args


def prepare(args, work):
    """The build user's home in work, the trees, the walker and the checked selections:
    (tree, windows tree or None, walker, git dir)."""
    # What the build user writes (git dir, GNU time's output, layers) lives in its own directory.
    USERS.home = os.path.join(work, "user")
    os.mkdir(USERS.home, 0o755)
    if USERS.build:
        os.chown(USERS.home, *USERS.build)
    log("bench: running " + USERS.describe())
    r = args.results
    run([r.binary, "--version"])  # the build user can run the binary (and reach it)
    git_dir = os.path.join(USERS.home, "scratch.git")
    run(["git", "init", "-q", "--bare", git_dir])
    tree = args.tree
    anchored = next((p for p in r.lists if p.name == "anchored"), None)
    windows = ensure_windows_tree(tree) if anchored else None
    walker = floor.build_walker()
    for plist in r.lists:
        log("bench: checking the selection of %s" % plist.name)
        preflight(r.binary, tree, r.meta, plist, git_dir, work, r.problems)
        floor.write_changed_list(r.binary, walker, tree, plist, USERS.home, r.problems)
    log("bench: checking the stat-walk floor")
    floor.check_floor(walker, tree, r.meta, r.problems)
    return tree, windows, walker, git_dir


def measure_walks(args, work, gnu_time):
    """The rounds (interleaved, list order rotated per round), peak RSS and the profile."""
    r = args.results
    tree, windows, walker, git_dir = prepare(args, work)
    lists = r.lists
    for round_index in range(args.rounds):
        log("bench: round %d/%d" % (round_index + 1, args.rounds))
        shift = round_index % len(lists)
        for plist in lists[shift:] + lists[:shift]:
            layout = windows if plist.name == "anchored" else None
            checks = r.problems if round_index == 0 else None
            measure_round(
                r.binary, tree, git_dir, plist, walker, layout, args.compare_binary, checks,
                args.cpu_repeats,
            )  # fmt: skip
    log("bench: peak RSS")
    for plist in lists:
        measure_rss(r.binary, tree, plist, gnu_time, work)
    if args.profile:
        for plist in lists:
            log("bench: profiling %s" % plist.name)
            profile_apply(r.binary, tree, plist, work)
    reset_tree(tree)


def measure_rest(args, work, gnu_time):
    """Start-ups, trace overhead, pathological patterns and bounds."""
    r = args.results
    log("bench: bin/detect start-up (%d runs)" % args.detect_runs)
    r.detect = measure_detect(r.binary, args.detect_runs, work)
    log("bench: the exec.d start-up check (%d runs)" % args.detect_runs)
    buildpack = Buildpack(r.binary, work)
    r.startup = measure_startup(buildpack, args.detect_runs, work, r.problems)
    log("bench: trace overhead (%d runs)" % args.trace_runs)
    r.traced = trace_overhead.measure(
        r.binary, args.trace_runs, work, spawn_medians, USERS.build, give_to_build_user
    )
    log("bench: pathological patterns")
    r.patho = pathological(r.binary, work, gnu_time)
    if not args.skip_bounds:
        r.bound_rows = bounds(r.binary, buildpack, work, gnu_time, args)


def exit_status(args, misses):
    r = args.results
    hung = [label for label, seconds, _ in r.patho if seconds is None]
    if hung:
        log("bench: FAIL: pathological case(s) did not finish in %d s: %s"
            % (PATHOLOGICAL_LIMIT_SECONDS, ", ".join(hung)))  # fmt: skip
        return 1
    if r.problems:
        log("bench: %d selection problem(s), see the report" % len(r.problems))
    if (misses or r.problems) and args.strict:
        log("bench: --strict: %d target(s) missed, %d problem(s)" % (len(misses), len(r.problems)))
        return 1
    return 0


def main(argv, doc=__doc__):
    """Runs everything; the exit status. doc: benchmarks/run's docstring (the usage)."""
    args = parse_args(argv, doc)
    started = time.perf_counter()
    binary = resolve_binary(args)
    gnu_time = ensure_gnu_time()
    for tool in ("git", "find", "xargs", "chmod"):
        if not shutil.which(tool):
            raise Failure("`%s` is required" % tool)
    USERS.__init__(build=args.build_user, run_user=args.run_user)
    tree, meta = ensure_tree(args.entries, args.seed)
    ensure_owner(tree)
    args.tree = tree
    args.results = Results(args, meta, binary, [PatternList(name) for name in args.names])
    os.makedirs(TREES, exist_ok=True)
    work = tempfile.mkdtemp(prefix="work-", dir=TREES)
    os.chmod(work, 0o755)
    try:
        measure_walks(args, work, gnu_time)
        measure_rest(args, work, gnu_time)
    finally:
        run_root(["rm", "-rf", work])
    report, misses = build_report(args.results)
    print(report, end="")
    if not args.no_results_file:
        # A smoke run (CI) must not overwrite the committed results of a full run.
        name = "results-smoke.md" if args.smoke else "results-%d.md" % args.entries
        with open(os.path.join(HERE, name), "w") as handle:
            handle.write(report)
    log("bench: done in %.0f s" % (time.perf_counter() - started))
    return exit_status(args, misses)
