"""The lifecycle suite's checks of the app dir after the build (the heading, created dirs, the
contract's modes, owners and contents) and of the export (modes, owners, the layer's
executables for the buildpack's processor). A mixin of ScenarioRun."""

import re

import emulation
import process
import tree


class BuildChecks:
    """Uses ScenarioRun's check, equal, lc, expect, version and modes."""

    def check_build_header(self, build):
        """The output's heading, no backtrace, the group that will own the files."""
        lc = self.lc
        lines = build.stdout.splitlines()
        self.check(
            f"build output starts with `## Group-Writable Paths (v{self.version})`",
            bool(lines) and lines[0] == f"## Group-Writable Paths (v{self.version})",
            build.describe(),
        )
        self.check(
            "build prints no backtrace",
            not process.has_backtrace(build.stdout + build.stderr),
            build.describe(),
        )
        gid = lc.build_user[1]
        self.check(
            f"build output names the group id {gid} that will own the files",
            re.search(rf"(?i)group.*\b{gid}\b", build.stdout) is not None,
            build.describe(),
        )

    def check_app_after(self, before, after, prediction):
        """The app dir after the build: created dirs, the contract's modes, owners and contents
        unchanged; returns its modes."""
        lc = self.lc
        created = self.expect.get("created", [])
        for rel in created:
            entry = after.get(rel)
            self.check(
                f"build creates {rel}/",
                entry is not None and entry.kind == "d",
                [f"entry: {entry}"],
            )
        actual = self.modes(after)
        self.check(
            "mode of every entry in the app dir is exactly as the contract says",
            actual == prediction.modes,
            tree.mode_diff(actual, prediction.modes),
        )
        uid = lc.build_user[0]
        moved = [
            rel
            for rel, e in after.items()
            if (rel in before and (e.uid, e.gid) != (before[rel].uid, before[rel].gid))
            or (rel not in before and e.uid != uid)
        ]
        self.check(
            "no entry changes owner (dirs the build makes belong to the build user)",
            not moved,
            moved[:20],
        )
        touched = tree.content_changes(before, after)
        self.check(
            "no file of the app dir is written (sizes and mtimes unchanged)",
            not touched,
            touched[:20],
        )
        return actual

    def check_export(self, actual):
        """The exported image keeps the modes and gives every entry to the build user; returns its
        snapshot (taken before anything runs in it)."""
        lc = self.lc
        lc.export()
        image = tree.snapshot(lc.image_workspace)
        self.check(
            "exported image keeps every mode of the app dir",
            self.modes(image) == actual,
            tree.mode_diff(self.modes(image), actual),
        )
        owners = {(e.uid, e.gid) for e in image.values()}
        self.equal(
            "exported image: every entry owned by the build uid and gid", owners, {lc.build_user}
        )
        return image

    def check_architecture(self):
        """The exported launch layer's exec.d program and bin/group-writable (a link to it) are
        the buildpack's executable: the same ELF machine (an aarch64 one for linux/arm64)."""
        want = self.lc.buildpack.machine
        found = {
            rel: emulation.elf_machine(self.lc.image_layer / rel)
            for rel in ("exec.d/group-writable-check", "bin/group-writable")
        }
        self.check(
            f"exported layer: exec.d/group-writable-check and bin/group-writable are"
            f" {emulation.machine_name(want)} executables, as the buildpack's",
            want is not None and set(found.values()) == {want},
            [f"buildpack's bin/group-writable: {emulation.machine_name(want)}"]
            + [f"{rel}: {emulation.machine_name(m)}" for rel, m in found.items()],
        )
