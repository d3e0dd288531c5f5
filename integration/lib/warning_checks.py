"""The lifecycle suite's checks of the warnings a platform's layout calls for (entries left as the
platform made them, group-writable entries outside the selection, closed dirs, SQLite dirs
opened), in report.toml and the build output. A mixin of ScenarioRun."""


class WarningChecks:
    """Uses ScenarioRun's check, lc and layout."""

    def check_platform_warnings(self, build, report, prediction):
        """The warnings the platform's layout calls for, by title, in report.toml and the output,
        with the platform-side fix."""
        found = Warnings(build, report)
        self.check_kept_warning(found, prediction)
        self.check_outside_warning(found, prediction)
        title = "Selected files in directories the group cannot write"
        self.check(
            f"the build warns {title!r} exactly when a selected file's dir stays closed"
            f" ({len(prediction.closed_dirs)})",
            found.warned(title) == bool(prediction.closed_dirs),
            [f"titles: {found.titles}"],
        )
        opened = len(prediction.database_dirs)
        if opened:
            dirs = count(opened, "SQLite database directory", "SQLite database directories")
            line = f"  - Opened {dirs}"
            self.check(
                f"the build output says it opened {opened} SQLite database dir(s)",
                any(ln.startswith(line) for ln in build.stdout.splitlines()),
                build.describe(),
            )

    def check_kept_warning(self, found, prediction):
        """Entries another user owns left as the platform made them: warned, with the fix."""
        titles, messages = found.titles, found.messages
        title = f"{count(len(prediction.kept), 'entry', 'entries')} left as the platform made them"
        if prediction.kept:
            self.check(
                f"the build warns {title!r}",
                found.warned(title),
                [f"report.toml warnings: {titles}"] + found.build.describe(),
            )
            root = self.lc.platform.root_owner_of(self.layout)
            if "." in prediction.kept and root[0] == 0:
                for fix in ("kpack `spec.source.subPath`", "Shipwright `spec.source.contextDir`"):
                    self.check(
                        f"the warning names the platform's fix: {fix}",
                        fix in messages and fix in found.text,
                        [messages],
                    )
        else:
            self.check(
                "no warning about entries left as the platform made them",
                not any(t.endswith("left as the platform made them") for t in titles),
                [f"report.toml warnings: {titles}"],
            )

    def check_outside_warning(self, found, prediction):
        """Unselected entries already group-writable: warned, naming `exclusive`."""
        titles, messages = found.titles, found.messages
        outside = prediction.outside_writable
        title = (
            f"{count(len(outside), 'entry', 'entries')} outside the selection already"
            " group-writable"
        )
        if outside:
            self.check(
                f"the build warns {title!r}",
                found.warned(title),
                [f"report.toml warnings: {titles}"] + found.build.describe(),
            )
            setting = (
                "Set `exclusive = true` in `[utility.group-writable]` (or"
                " `BP_GROUP_WRITABLE_EXCLUSIVE=true`)"
            )
            self.check("the warning names the `exclusive` setting", setting in messages, [messages])
        else:
            self.check(
                "no warning about group-writable entries outside the selection",
                not any(t.endswith("outside the selection already group-writable") for t in titles),
                [f"report.toml warnings: {titles}"],
            )


def count(n, one, many):
    return f"{n} {one if n == 1 else many}"


class Warnings:
    """The warnings of one build: titles and messages from report.toml, and the output."""

    def __init__(self, build, report):
        self.build = build
        self.text = build.stdout + build.stderr
        warnings = [w for w in report.get("warnings", []) if isinstance(w, dict)]
        self.titles = [w.get("title", "") for w in warnings]
        self.messages = "\n".join(w.get("message", "") for w in warnings)

    def warned(self, title):
        return title in self.titles and f"! Warning: {title}" in self.text.splitlines()
