"""The targets table, as data: each target names the medians it compares (sample keys; `key:user`
is the user CPU of the same runs), its limit, and the lists it applies to. evaluate() turns them
into rows of the report's Targets table."""

from dataclasses import dataclass

from .common import median

ISSUE6 = "selection-only walk: `apply --keep-world-writable` (issue 6's targets)"
BUILD = "the build's work: `apply` (world write removed everywhere, every entry stat'ed)"
HANDLES = "changes by name vs through a checked handle (issue 12 item 1)"
COMPARED = "against --compare-binary (its `apply`, same rounds)"
FLOORS = (
    "against the stat-walk floor (issue 23 item 4; the C walker, 2 threads, same user and tree)"
)


@dataclass(frozen=True)
class Target:
    section: str
    label: str
    value: str  # a median's key
    base: tuple  # keys summed; a key ending in "?" counts 0 when missing
    limit: float | None  # None: informational
    lists: tuple = ()  # only these lists (empty: every list)
    selected: bool = False  # only lists that select something
    stretch: bool = False  # a miss is shown, not counted


LOWEST = ("nomatch",)
TARGETS = [
    Target(ISSUE6, "list that matches nothing vs find", "kfirst", ("find",), 1.0, LOWEST),
    Target(ISSUE6, "first run vs find + chmod -R g+w roots", "kfirst", ("find", "chmod?"), 1.0),
    Target(ISSUE6, "first run vs git + xargs chmod", "kfirst", ("git",), 0.9),
    Target(
        ISSUE6, "first run vs git + xargs chmod, both cores", "kfirst", ("git",), 0.6, stretch=True
    ),  # fmt: skip
    Target(
        ISSUE6,
        "anchored-only vs chmod -R g+w roots alone",
        "kfirst",
        ("chmod",),
        1.2,
        ("anchored",),
    ),  # fmt: skip
    Target(
        ISSUE6, "re-run on an applied tree vs first run", "krerun", ("kfirst",), 0.7, selected=True
    ),  # fmt: skip
    Target(
        BUILD, "list that matches nothing vs find -printf %m", "first", ("findstat",), 1.0, LOWEST
    ),  # fmt: skip
    Target(
        BUILD,
        "first run vs find -printf %m + chmod -R g+w roots",
        "first",
        ("findstat", "chmod?"),
        1.0,
    ),  # fmt: skip
    Target(BUILD, "first run vs git + xargs chmod", "first", ("git",), 0.9),
    Target(
        BUILD, "re-run on an applied tree vs first run", "rerun", ("first",), None, selected=True
    ),  # fmt: skip
    Target(
        BUILD,
        "apply vs --keep-world-writable (first runs): cost of visiting everything",
        "first",
        ("kfirst",),
        None,
    ),  # fmt: skip
    Target(
        HANDLES,
        "first run as root (every change through a checked handle) vs as the build user",
        "rootfirst",
        ("first",),
        None,
        selected=True,
    ),  # fmt: skip
    Target(
        COMPARED,
        "apply --keep-world-writable, first run, vs the compared binary's first run",
        "kfirst",
        ("cfirst",),
        None,
    ),  # fmt: skip
    Target(
        COMPARED,
        "apply (default), first run, vs the compared binary's first run",
        "first",
        ("cfirst",),
        None,
    ),  # fmt: skip
    Target(
        COMPARED,
        "apply --keep-world-writable, re-run, vs the compared binary's re-run",
        "krerun",
        ("crerun",),
        None,
        selected=True,
    ),  # fmt: skip
    Target(
        FLOORS,
        "apply (default), first run, vs the C stat walk (which changes nothing: shown, not "
        "counted, where the first run changes entries)",
        "first",
        ("cstat",),
        1.25,
        stretch=True,
    ),  # fmt: skip
    Target(
        FLOORS,
        "list that matches nothing: first run vs the C stat walk",
        "first",
        ("cstat",),
        1.25,
        LOWEST,
    ),  # fmt: skip
    Target(
        FLOORS,
        "apply (default), first run, vs the C walk that changes the same entries",
        "first",
        ("csame",),
        1.25,
    ),  # fmt: skip
    Target(
        FLOORS,
        "apply (default), re-run (nothing left to change), vs the C stat walk (shown, not "
        "counted: the re-run still reads the ACL of every group-writable entry, which the stat "
        "walk does not)",
        "rerun",
        ("cstat",),
        1.25,
        stretch=True,
    ),  # fmt: skip
    Target(
        FLOORS,
        "Windows-host layout (every entry 0777): first apply vs the C walk that changes "
        "every entry",
        "win",
        ("cwin",),
        1.5,
    ),  # fmt: skip
    Target(
        FLOORS,
        "arrived-writable layout (umask 002): apply's user CPU vs the same list's on the "
        "generated tree (means of the user-CPU runs)",
        "uarrived:user",
        ("ufirst:user",),
        1.2,
    ),  # fmt: skip
    Target(
        FLOORS,
        "arrived-writable layout (umask 002): the C walk making apply's system calls (the stat "
        "walk, the ACL read of every entry that is or becomes group-writable, the same changes), "
        "user CPU vs its own on the generated tree: what those calls cost a walk with no "
        "bookkeeping",
        "uattrsarrived:user",
        ("uattrs:user",),
        None,
    ),  # fmt: skip
]


def medians(plist):
    """{key: median wall seconds, key:user: mean user CPU seconds, key:cpu/wall: median ratio
    of user + system CPU to wall time} over the rounds of each measure."""
    found = {}
    for key, walls in plist.samples.items():
        found[key] = median(walls)
        cpu = plist.cpu.get(key, [])
        if cpu:
            # A mean: user time is split from system time at the scheduler's tick, so one
            # run's is coarse and skewed (a short thread can show none), and a median biased.
            found[key + ":user"] = sum(user for user, _ in cpu) / len(cpu)
            ratios = [
                (user + system) / wall
                for (user, system), wall in zip(cpu, walls, strict=True)
                if wall
            ]
            found[key + ":cpu/wall"] = median(ratios)
    return found


def base_value(target, m):
    total = 0.0
    for key in target.base:
        if key.endswith("?"):
            total += m.get(key[:-1]) or 0.0
        elif m.get(key) is None:
            return None
        else:
            total += m[key]
    return total


def applies(target, plist, m):
    if target.lists and plist.name not in target.lists:
        return False
    if target.selected and not plist.selected:
        return False
    return m.get(target.value) is not None and base_value(target, m) is not None


def evaluate(lists):
    """[(section, [row dicts])] in TARGETS order (each target's rows in list order): label,
    list, value, base, ratio, limit, result ("PASS", "MISS", "info"), counted (a missed target
    that is not a stretch)."""
    meds = {p.name: medians(p) for p in lists}
    sections = {}
    for target in TARGETS:
        for plist in lists:
            m = meds[plist.name]
            if not applies(target, plist, m):
                continue
            value, base = m[target.value], base_value(target, m)
            ratio = value / base if base else None
            ok = ratio is not None and target.limit is not None and ratio <= target.limit
            result = "info" if target.limit is None else ("PASS" if ok else "MISS")
            row = dict(label=target.label, list=plist.name, value=value, base=base, ratio=ratio,
                       limit=target.limit, stretch=target.stretch, result=result,
                       counted=result == "MISS" and not target.stretch)  # fmt: skip
            sections.setdefault(target.section, []).append(row)
    return list(sections.items())
