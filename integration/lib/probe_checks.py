"""The lifecycle suite's checks after the export: real SQLite writes, and probes as the run user
and as a user outside the build group against what the contract lets each write. A mixin of
ScenarioRun."""

import json
import os
import re
import shutil
from pathlib import Path

import cnb
import contract
import probes
import process
import tree
import users


class ProbeChecks:
    """Checks of the exported image (uses ScenarioRun's check, equal, lc, s, expect, layout,
    platform, policy)."""

    def check_sqlite(self, databases):
        """Real SQLite writes after the export: an INSERT and a commit (in the database's journal
        mode) as the run user succeed when the scenario says so, and never as a user outside the
        group."""
        if not self.s.sqlite:
            return
        lc = self.lc
        script = lc.root / "sqlite_probe.py"
        shutil.copyfile(Path(__file__).with_name("sqlite_probe.py"), script)
        os.chmod(script, 0o644)
        want = self.expect.get("sqlite-write", True)
        paths = [lc.image_workspace / db["path"] for db in self.s.sqlite]
        for who, user, expected in (
            ("the run user", lc.run_user, want),
            ("a user outside the group", users.OUTSIDER, False),
        ):
            out = process.run_as(user, [lc.python, script, *paths], {"PATH": cnb.PATH_ENV}, lc.root)
            try:
                results = json.loads(out.stdout)
            except ValueError:
                results = []
            if len(results) != len(paths):
                results = [{"ok": None, "error": "no result"}] * len(paths)
            ids = "%d:%d" % user
            for db, result in zip(self.s.sqlite, results, strict=False):
                journal = db.get("journal", "delete")
                details = [repr(result)] + out.describe()
                if expected:
                    self.check(
                        f"SQLite ({journal}): {who} {ids} inserts into {db['path']} and"
                        " commits; a new connection sees the row",
                        result.get("ok") is True
                        and result.get("journal") == journal
                        and result.get("rows") == 2,
                        details,
                    )
                else:
                    self.check(
                        f"SQLite ({journal}): {who} {ids} cannot write {db['path']}"
                        " (attempt to write a readonly database / unable to open)",
                        result.get("ok") is False
                        and re.search(
                            r"readonly database|unable to open database", str(result.get("error"))
                        )
                        is not None,
                        details,
                    )

    def contract_writable(self, image, before, prediction, databases):
        """What the contract lets a user of the build group write, and a user outside it, after
        the export; each is stated from the rules, not from the modes the build produced.

        The group: the selected entries (dirs; files with one link and no setuid/setgid), the dir
        of each selected SQLite database (when that is on), entries outside the selection that
        arrived group-writable (unless `exclusive`), and an app dir another user owns (a volume
        the platform made) that is group-writable. Outside the group: nothing, except an app dir
        another user owns that the platform made world-writable (kpack, Shipwright).
        """
        policy = self.policy
        uid = self.lc.build_user[0]
        db_dirs = (
            {contract.parent_of(rel) for rel in databases} if policy.sqlite_directories else set()
        )
        root = before["."]
        foreign_root = root.uid != uid
        group, others = set(), set()
        for rel, e in image.items():
            if e.kind not in "df":
                continue
            came = before.get(rel)
            if rel in prediction.selected:
                if e.kind == "d" or (e.nlink == 1 and not e.mode & 0o6000):
                    group.add(rel)
            elif rel in db_dirs:
                group.add(rel)
            elif rel == ".":
                if foreign_root and root.mode & 0o020:
                    group.add(rel)
            elif came is not None and came.mode & 0o020 and not policy.exclusive:
                group.add(rel)
            if policy.keep_world_writable and came is not None and came.mode & 0o002:
                others.add(rel)
        if foreign_root and root.mode & 0o002 and not policy.keep_world_writable:
            others.add(".")
        return group, others

    def check_probes(self, image, before, prediction, databases):
        """Real writes as the run user and as a user outside the group, in every dir and file of
        the app and the layer: each can write exactly what the contract lets it."""
        lc = self.lc
        group, others = self.contract_writable(image, before, prediction, databases)
        if others:
            self.check(
                "only the app dir, which another user (uid 0) owned during the build, is"
                " left for users outside the group",
                others == {"."}
                and self.platform.root_owner_of(self.layout)[0] == 0
                and "." in prediction.kept,
                [f"writable by others: {sorted(others)}"],
            )
        layer = tree.snapshot(lc.image_layer)
        for who, user, writable in (
            ("run user", lc.run_user, group),
            ("user outside the group", users.OUTSIDER, others),
        ):
            plan = probes.probe_plan(image, lc.image_workspace, writable)
            plan += probes.probe_plan(layer, lc.image_layer, set())
            results = lc.probe([(a, p) for a, p, _ in plan], user=user)
            self.check_probe_results(who, user, writable, plan, results, prediction)
            if who == "run user":
                self.check_setgid_inherited(image, plan, results)

    def check_probe_results(self, who, user, writable, plan, results, prediction):
        """`who` wrote exactly the entries the contract lets it write."""
        ids = "%d:%d" % user
        base = str(self.lc.image)
        wrong_yes = [
            f"{a} {p[len(base) + 1 :]}" for a, p, want in plan if not want and results[(a, p)][0]
        ]
        wrong_no = [
            f"{a} {p[len(base) + 1 :]}: {results[(a, p)][1]}"
            for a, p, want in plan
            if want and not results[(a, p)][0]
        ]
        n_yes = len({p for _, p, want in plan if want})
        n_no = len({p for _, p, want in plan if not want})
        if writable:
            notable = (["the app dir"] if "." in writable else []) + [
                f"SQLite dir {rel}/"
                for rel in sorted(writable - {"."})
                if rel in prediction.database_dirs
            ]
            among = f" (among them {', '.join(notable)})" if notable else ""
            self.check(
                f"{who} {ids} can write each of the {n_yes} entries the contract lets it{among}",
                not wrong_no,
                wrong_no[:30],
            )
        elif who == "run user":
            self.check(
                f"{who} {ids} is given something to write",
                False,
                ["the contract gives the run user nothing: check the scenario"],
            )
        self.check(
            f"{who} {ids} cannot write any of the other {n_no} entries (app dir and layer)",
            not wrong_yes,
            wrong_yes[:30],
        )

    def check_setgid_inherited(self, image, plan, results):
        """A dir the run user makes in a setgid dir inherits setgid."""
        made = [(p, results[(a, p)][2]) for a, p, want in plan if a == "mkdir"]
        in_setgid = [(p, m) for p, m in made if image[self.rel(p)].mode & 0o2000]
        if in_setgid or self.policy.setgid:
            self.check(
                f"a dir the run user makes in a setgid dir inherits setgid ({len(in_setgid)} dirs)",
                bool(in_setgid) and all(m is not None and m & 0o2000 for _, m in in_setgid),
                [f"{p}: {m!r}" for p, m in in_setgid if not (m and m & 0o2000)],
            )

    def rel(self, path):
        root = str(self.lc.image_workspace)
        return "." if path == root else path[len(root) + 1 :]
