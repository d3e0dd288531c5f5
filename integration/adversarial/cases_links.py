"""Hostile trees of links: symlinks to `/`, to the parent, into another buildpack's layer, loops,
dangling links, a symlinked `tmp/`, hard links into a layer."""

import os

from case_types import Case


def symlink_to_root(t):
    t.file("tmp/.keep", "")
    t.link("tmp/root", "/")
    t.link("link-root", "/")
    t.link("etc-link", "/etc")


def symlink_to_parent(t):
    t.file("tmp/.keep", "")
    t.link("tmp/up", "..")
    t.link("tmp/self", ".")
    t.link("tmp/outside", "../../outside")
    t.link("tmp/outside-abs", str(t.outside))
    t.file("public/index.html")


def symlink_to_other_layer(t):
    t.dir("vendor")
    t.link("vendor/ruby", str(t.layer))
    t.link("vendor/ruby-lib", str(t.layer / "lib.rb"))
    t.file("tmp/.keep", "")
    t.link("tmp/layer", str(t.layer))


def symlink_loops(t):
    t.file("tmp/.keep", "")
    t.link("tmp/loop-a", "loop-b")
    t.link("tmp/loop-b", "loop-a")
    t.link("tmp/back", "../tmp")
    t.dir("a/b")
    t.link("a/b/to-a", "../../a")


def dangling_symlinks(t):
    t.file("tmp/.keep", "")
    t.link("tmp/dangling", "/nonexistent/group-writable")
    t.link("cache", "does-not-exist/")


def symlinked_tmp(t):
    t.link("tmp", "../outside")
    t.link("log", str(t.outside / "log"))
    t.file("storage/.keep", "")


def hard_links(t):
    t.file("config/app.rb")
    os.link(t.layer / "lib.rb", t.app / "config" / "settings.rb")
    t.file("tmp/a.txt")
    os.link(t.app / "tmp" / "a.txt", t.app / "tmp" / "b.txt")
    t.file("tmp/single.txt")


CASES = [
    Case(
        "symlink-to-root",
        "symlinks to / (selected and inside a selected dir) are never followed",
        symlink_to_root,
        ["/tmp/", "/link-root", "/etc-link"],
        ["tmp/"],
    ),
    Case(
        "symlink-to-parent",
        "symlinks to .., ., and to a dir outside the app are never followed",
        symlink_to_parent,
        ["/tmp/"],
        ["tmp/"],
    ),
    Case(
        "symlink-to-other-layer",
        "a symlink into another buildpack's layer, selected by a"
        " pattern, leaves that layer untouched",
        symlink_to_other_layer,
        ["/vendor/ruby", "/vendor/ruby-lib", "/tmp/"],
        ["tmp/"],
    ),
    Case(
        "symlink-loops",
        "symlink loops end the walk normally",
        symlink_loops,
        ["/tmp/", "/a/"],
        ["tmp/", "a/"],
    ),
    Case(
        "dangling-symlinks",
        "dangling symlinks, also one named by a pattern, are harmless",
        dangling_symlinks,
        ["/tmp/", "/cache"],
        ["tmp/"],
    ),
    Case(
        "symlinked-tmp",
        "a symlinked tmp/ and log named by patterns: the targets outside the app stay unchanged",
        symlinked_tmp,
        ["/tmp/", "/tmp", "/log/", "/storage/"],
        ["storage/"],
    ),
    Case(
        "hard-links",
        "files with more than one hard link (one into another buildpack's layer)"
        " are not changed, with a warning naming them",
        hard_links,
        ["/config/", "/tmp/"],
        ["config/", "tmp/"],
        warnings=["config/settings.rb", "tmp/a.txt"],
        messages=["config/settings.rb", "tmp/a.txt"],
        unchanged=["config/settings.rb", "tmp/a.txt", "tmp/b.txt"],
    ),
]
