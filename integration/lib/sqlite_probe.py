"""Runs as a user inside an exported image: one real SQLite write, as an app would make it.

Usage: python3 sqlite_probe.py DATABASE... For each DATABASE: opens it (never creating it),
inserts a row into table `gw_probe` and commits, in whatever journal mode the file is in (a
rollback journal, or WAL, which SQLite keeps in the database header), then counts the rows on a new
connection. Prints a JSON list with one object per database: {"ok", "error", "journal", "rows"}.
"""

import json
import sqlite3
import sys


def write(path):
    result = {"ok": False, "error": None, "journal": None, "rows": None}
    try:
        connection = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=2)
        try:
            result["journal"] = connection.execute("PRAGMA journal_mode").fetchone()[0]
            connection.execute("INSERT INTO gw_probe (who) VALUES ('run')")
            connection.commit()
        finally:
            connection.close()
        again = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=2)
        try:
            result["rows"] = again.execute("SELECT count(*) FROM gw_probe").fetchone()[0]
        finally:
            again.close()
        result["ok"] = True
    except sqlite3.Error as e:
        result["error"] = f"{type(e).__name__}: {e}"
    return result


def main():
    json.dump([write(path) for path in sys.argv[1:]], sys.stdout)


if __name__ == "__main__":
    main()
