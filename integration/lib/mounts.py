"""Mounts the runtime suite needs: a directory bind-mounted read-only onto itself."""

import subprocess


class ReadOnlyBind:
    """Bind-mounts a directory read-only onto itself for the duration of a `with` block."""

    def __init__(self, path):
        self.path = str(path)
        self.error = None
        self.mounted = False

    def __enter__(self):
        for argv in (
            ["mount", "--bind", self.path, self.path],
            ["mount", "-o", "remount,ro,bind", self.path],
        ):
            done = subprocess.run(argv, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                self.error = f"{' '.join(argv)}: exit {done.returncode}: {done.stderr.strip()}"
                break
            self.mounted = True
        return self

    def __exit__(self, *exc):
        if self.mounted:
            subprocess.run(["umount", self.path], check=False)
        return False
