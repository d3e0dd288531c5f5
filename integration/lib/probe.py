"""Runs as the run user inside an exported image: tries real writes and reports what happened.

Reads a JSON list of [action, path] from stdin (paths are raw bytes carried as latin-1 text) and
prints a JSON list of [succeeded, errno name or null, mode] in the same order. Actions:
  create  create a new file in the directory `path` (then remove it)
  mkdir   make a new directory in `path`; `mode` is the new directory's mode (then remove it)
  append  open the regular file `path` for appending and write one byte
Paths longer than the kernel accepts are reached one component at a time.
"""

import errno
import json
import os
import sys

PROBE_NAME = b".gw-probe-%d" % os.getpid()
LONG = 3000


def parent_and_name(path):
    """(dir_fd or None, name) such that name relative to dir_fd is `path`; walks long paths by
    component so paths beyond PATH_MAX work."""
    if len(path) < LONG:
        return None, path
    head, name = path.rsplit(b"/", 1)
    fd = os.open(b"/", os.O_PATH | os.O_DIRECTORY)
    for part in [p for p in head.split(b"/") if p]:
        next_fd = os.open(part, os.O_PATH | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
        os.close(fd)
        fd = next_fd
    return fd, name


def in_dir(path):
    """(dir_fd or None, name of `path`'s probe entry)."""
    if len(path) < LONG:
        return None, path + b"/" + PROBE_NAME
    fd, name = parent_and_name(path + b"/" + PROBE_NAME)
    return fd, name


def attempt(action, path):
    fd = None
    try:
        if action == "append":
            fd, name = parent_and_name(path)
            handle = os.open(
                name, os.O_WRONLY | os.O_APPEND | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=fd
            )
            try:
                os.write(handle, b"\n")
            finally:
                os.close(handle)
            return [True, None, None]
        if action == "create":
            fd, name = in_dir(path)
            handle = os.open(
                name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644, dir_fd=fd
            )
            os.close(handle)
            os.unlink(name, dir_fd=fd)
            return [True, None, None]
        if action == "mkdir":
            fd, name = in_dir(path)
            os.mkdir(name, 0o777, dir_fd=fd)
            mode = os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode & 0o7777
            os.rmdir(name, dir_fd=fd)
            return [True, None, mode]
        return [False, "unknown action " + action, None]
    except OSError as e:
        return [False, errno.errorcode.get(e.errno, str(e.errno)), None]
    finally:
        if fd is not None:
            os.close(fd)


def main():
    os.umask(0o022)
    request = json.load(sys.stdin)
    results = [attempt(action, path.encode("latin-1")) for action, path in request]
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
