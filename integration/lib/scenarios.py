"""The lifecycle suite's cases as data: integration/fixtures/*/scenario.toml loaded and validated
into `Scenario`s, the tweaks and SQLite databases each lays out in its app, and the matrix of
(user layout, platform layout, scenario) runs. A new scenario is a new fixture dir."""

import dataclasses
import os
import shutil
import sqlite3
import tomllib
from pathlib import Path

import cnb
import users

SCENARIO_KEYS = {
    "description",
    "app",
    "files",
    "modes",
    "remove",
    "env",
    "process-env",
    "expect",
    "platforms",
    "sqlite",
    "requires",
}
EXPECT_KEYS = {
    "detect",
    "build",
    "roots",
    "created",
    "setgid",
    "patterns",
    "stdout",
    "stderr",
    "warnings",
    "error-names",
    "exclusive",
    "keep-world-writable",
    "sqlite-directories",
    "sqlite-write",
    "platform",
}
ERROR = cnb.ERROR
PLATFORM_NAMES = {p.name for p in users.PLATFORMS}


@dataclasses.dataclass
class Scenario:
    name: str
    description: str
    app: Path | None
    files: list
    modes: dict
    remove: list
    env: dict
    process_env: dict
    expect: dict
    platforms: list  # names of the platform layouts it runs under
    sqlite: list  # [{path, journal}]: real SQLite databases made at setup and written after export
    requires: str  # what the scenario needs that may not be there yet (shown with its failures)

    def expect_for(self, platform):
        """The expectations, with the scenario's `[expect.platform.NAME]` table over them."""
        merged = {k: v for k, v in self.expect.items() if k != "platform"}
        merged.update(self.expect.get("platform", {}).get(platform.name, {}))
        return merged


def load_scenarios(fixtures_dir, repo):
    scenarios = []
    for path in sorted(Path(fixtures_dir).glob("*/scenario.toml")):
        with open(path, "rb") as f:
            data = tomllib.load(f)
        unknown = set(data) - SCENARIO_KEYS
        unknown_expect = set(data.get("expect", {})) - EXPECT_KEYS
        if unknown or unknown_expect:
            raise ValueError(f"{path}: unknown keys {sorted(unknown | unknown_expect)}")
        platforms = data.get("platforms", [users.IDEALISED.name])
        if platforms == "all":
            platforms = [p.name for p in users.PLATFORMS]
        overridden = set(data.get("expect", {}).get("platform", {}))
        if (
            not isinstance(platforms, list)
            or set(platforms) - PLATFORM_NAMES
            or (overridden - set(platforms))
        ):
            raise ValueError(
                f'{path}: platforms must be "all" or names from'
                f" {sorted(PLATFORM_NAMES)} (and [expect.platform.*] among them)"
            )
        app = data.get("app")
        if app is None:
            app_dir = path.parent / "app"
        elif app == "":
            app_dir = None
        else:
            app_dir = Path(repo) / app
        if app_dir is not None and not app_dir.is_dir():
            raise ValueError(f"{path}: app dir {app_dir} does not exist")
        scenarios.append(
            Scenario(
                name=path.parent.name,
                description=data.get("description", ""),
                app=app_dir,
                files=data.get("files", []),
                modes=data.get("modes", {}),
                remove=data.get("remove", []),
                env=data.get("env", {}),
                process_env=data.get("process-env", {}),
                expect=data.get("expect", {}),
                platforms=platforms,
                sqlite=data.get("sqlite", []),
                requires=data.get("requires", ""),
            )
        )
    return scenarios


def apply_tweaks(workspace, scenario):
    """Removes, adds and re-modes files of the copied app as the scenario says (as root); makes its
    SQLite databases with Python's sqlite3 (before `modes`, which may re-mode them)."""
    for rel in scenario.remove:
        target = workspace / rel
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink()
    for item in scenario.files:
        target = workspace / item["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.get("content", "").encode())
        os.chmod(target, int(item.get("mode", "644"), 8))
    for db in scenario.sqlite:
        make_database(workspace / db["path"], db.get("journal", "delete"))
    for rel, mode in scenario.modes.items():
        os.chmod(workspace / rel, int(mode, 8))


def make_database(path, journal):
    """A real SQLite database with one row in table `gw_probe`, in `journal` mode (`delete`, the
    rollback journal, or `wal`, which SQLite keeps in the file's header), with no side files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    try:
        mode = connection.execute(f"PRAGMA journal_mode={journal}").fetchone()[0]
        if mode != journal:
            raise RuntimeError(f"{path}: journal mode {mode}, not {journal}")
        connection.execute("CREATE TABLE gw_probe (id INTEGER PRIMARY KEY, who TEXT)")
        connection.execute("INSERT INTO gw_probe (who) VALUES ('build')")
        connection.commit()
    finally:
        connection.close()
    for suffix in ("-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.chmod(path, 0o644)


def matrix(layouts, platforms, scenarios, reduced=False):
    """The (layout, platform, scenario) runs: every scenario on each platform it names, under every
    user layout; `reduced`, under one layout each, rotating (the layout of scenario s on platform p
    is number p + s), so every scenario, every platform and every (platform, layout) pair of the
    core scenarios still runs, in a third of the runs."""
    runs = []
    for p, platform in enumerate(platforms):
        for s, scenario in enumerate(scenarios):
            if platform.name not in scenario.platforms:
                continue
            for layout in [layouts[(p + s) % len(layouts)]] if reduced else layouts:
                runs.append((layout, platform, scenario))
    order = {layout.name: i for i, layout in enumerate(layouts)}
    return sorted(runs, key=lambda run: order[run[0].name])  # layout by layout, as before
