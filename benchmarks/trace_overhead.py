"""`group-writable trace` overhead (issue 16), for benchmarks/run.

Three commands, each timed plain and under `group-writable trace --json -- COMMAND` (report to
/dev/null), as the build user in a scratch app directory it owns; medians of posix_spawn runs:

  - cpu: a shell loop that makes no system call worth the name: what the seccomp filter costs a
    command that does not write (the target: at most TRACE_CPU_LIMIT times the plain run);
  - reads: `find /usr/share -type f`: tens of thousands of directory opens and reads, which the
    filter lets through without a stop (the same target);
  - writes: 1,000 new files made by the shell in the app directory: each write stops the command
    twice (the call's entry and exit). Informational, with the cost per write.
"""

import os

TRACE_CPU_LIMIT = 1.10
CPU_LOOP = "i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done"
WRITES = 1000
WRITE_LOOP = "i=0; while [ $i -lt %d ]; do : > w/f$i; i=$((i+1)); done" % WRITES


def measure(binary, runs, work, spawn_medians, user, give):
    """{case: (plain ms, traced ms)} for cpu, reads and writes; `give(path)` hands a path to the
    user."""
    app = os.path.join(work, "trace-app")
    os.makedirs(os.path.join(app, "w"), exist_ok=True)
    give(app)
    give(os.path.join(app, "w"))
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C"}
    commands = {
        "cpu": ["/bin/sh", "-c", CPU_LOOP],
        "reads": ["/bin/sh", "-c", "find /usr/share -type f > /dev/null 2>&1 || true"],
        "writes": ["/bin/sh", "-c", WRITE_LOOP],
    }
    cases = []
    for command in commands.values():
        cases.append((command, 0, None))
        cases.append(([binary, "trace", "--json", "--app", app, "--"] + command, 0, None))
    spawn_medians(cases, 1, app, env, user)  # warm the page cache, and check every case runs
    medians = spawn_medians(cases, runs, app, env, user)
    return {
        name: (medians[2 * index], medians[2 * index + 1]) for index, name in enumerate(commands)
    }


def report_lines(result, runs, misses):
    """The report's section; appends to `misses` a missed target."""
    lines = [
        "",
        "## trace overhead (issue 16)",
        "",
        "Each command plain and under `group-writable trace --json` (report to /dev/null), as the "
        "build user in an app directory it owns; median of %d runs each." % runs,
        "",
        "| command | plain | traced | ratio | limit | result |",
        "|---|---:|---:|---:|---:|---|",
    ]
    labels = {
        "cpu": "shell loop, 400k iterations, no writes",
        "reads": "`find /usr/share -type f` (directory reads only)",
        "writes": "%d new files in the app directory" % WRITES,
    }
    for name, (plain, traced) in result.items():
        ratio = traced / plain if plain else None
        if name == "writes":
            per_write = (traced - plain) * 1000 / WRITES
            lines.append(
                "| %s | %.1f ms | %.1f ms | %.2f × | | info: %.0f µs more per write |"
                % (labels[name], plain, traced, ratio or 0, per_write)
            )
            continue
        ok = ratio is not None and ratio <= TRACE_CPU_LIMIT
        if not ok:
            misses.append("trace overhead (%s)" % name)
        lines.append(
            "| %s | %.1f ms | %.1f ms | %.2f × | ≤ %.2f × | %s |"
            % (labels[name], plain, traced, ratio or 0, TRACE_CPU_LIMIT, "PASS" if ok else "MISS")
        )
    return lines
