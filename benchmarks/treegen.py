#!/usr/bin/env python3
"""Deterministic app/monorepo trees for the group-writable benchmark.

Usage (normally called by benchmarks/run, which caches the result):
  benchmarks/treegen.py DEST [--entries N] [--seed S]

The tree is a Rails app with a webpack front end at the root (tmp/, log/, storage/,
public/uploads/, public/assets/, public/packs/, vendor/bundle/, node_modules/), plus
monorepo parts: Next.js apps under apps/ (.next/cache, .next/server, node_modules),
workspace packages under packages/ (src/, dist/, build/, nested node_modules/) and
Rust services under services/ (target/). node_modules trees have scoped packages
(@scope/pkg), nested node_modules (node_modules/a/node_modules/b) and .bin symlinks;
a few symlinks are in-tree directory links and a few dangle.

Exactly N entries are created below DEST (DEST itself not counted): directories 0755,
files 0644 (executables 0755), all empty. Everything comes from random.Random(seed),
so the same N and seed give the same tree (names, order of creation, modes).
"""

import argparse
import os
import random
import sys

# Bump when the shape changes, so cached trees are regenerated.
GENERATOR_VERSION = 3

SYLLABLES = (
    "ab ac ad al am an ap ar as at ba be bi bo bu ca ce ch ci co cu da de di do du el em en "
    "er es ev ex fa fe fi fo fu ga ge gi go gu ha he hi ho hu id il im in io ir is it ja jo "
    "ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu ob od ol om on op or os ov pa "
    "pe pi po pu qu ra re ri ro ru sa se si so su ta te ti to tu ul um un up ur us va ve vi "
    "vo wa we wi xa xe ya yo za ze zo"
).split()
SCOPES = (
    "babel types aws-sdk angular emotion jest mui nestjs octokit opentelemetry radix-ui "
    "reduxjs rollup sentry smithy storybook swc tanstack testing-library trpc typescript-eslint "
    "vitejs vue webassemblyjs xtuc"
).split()
JS_DIRS = "lib src dist esm cjs es umd build utils internal helpers core compat".split()
JS_EXT = ".js .js .js .mjs .cjs .d.ts .js.map .json .ts".split()
GEM_NAMES = (
    "actioncable actionmailbox actionmailer actionpack actiontext actionview activejob "
    "activemodel activerecord activestorage activesupport addressable bcrypt bootsnap builder "
    "capybara concurrent-ruby crass date devise erubi globalid i18n image_processing jbuilder "
    "loofah mail marcel method_source mini_mime minitest msgpack net-imap net-pop net-protocol "
    "net-smtp nio4r nokogiri pg puma racc rack rack-test rails rails-dom-testing railties rake "
    "redis regexp_parser rexml rspec-core rspec-expectations rspec-mocks rspec-rails rubocop "
    "ruby-vips selenium-webdriver sidekiq sprockets sprockets-rails stimulus-rails thor "
    "timeout turbo-rails tzinfo webpacker websocket-driver xpath zeitwerk"
).split()
RAILS_RESOURCES = (
    "account article attachment comment company contact invoice membership message note "
    "order payment product project report session subscription tag task team user"
).split()


class BudgetReached(Exception):
    """The current component has created all the entries it may create."""


class TreeWriter:
    """Creates entries below a root, counting them against a budget."""

    def __init__(self, root):
        self.root = root
        self.count = 0
        self.limit = 0
        self.dirs = set()
        self.counts = {"dirs": 0, "files": 0, "symlinks": 0}

    def _check(self):
        if self.count >= self.limit:
            raise BudgetReached()

    def dir(self, rel):
        """Creates directory rel (parents must exist); no-op if already made."""
        if rel in self.dirs:
            return
        self._check()
        os.mkdir(os.path.join(self.root, rel), 0o755)
        self.dirs.add(rel)
        self.count += 1
        self.counts["dirs"] += 1

    def dirs_to(self, rel):
        """Creates rel and any missing parents."""
        parts = rel.split("/")
        for i in range(1, len(parts) + 1):
            self.dir("/".join(parts[:i]))

    def file(self, rel, executable=False):
        """Creates an empty file; a name that already exists is skipped (not counted)."""
        self._check()
        try:
            fd = os.open(
                os.path.join(self.root, rel),
                os.O_WRONLY | os.O_CREAT | os.O_EXCL,
                0o755 if executable else 0o644,
            )
        except FileExistsError:
            return
        os.close(fd)
        self.count += 1
        self.counts["files"] += 1

    def link(self, rel, target):
        """Creates a symlink; a name that already exists is skipped (not counted)."""
        self._check()
        try:
            os.symlink(target, os.path.join(self.root, rel))
        except FileExistsError:
            return
        self.count += 1
        self.counts["symlinks"] += 1


class Names:
    """Deterministic word and hash generators."""

    def __init__(self, rng):
        self.rng = rng

    def word(self, lo=2, hi=4):
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(lo, hi)))

    def hexstr(self, n):
        return "%0*x" % (n, self.rng.getrandbits(4 * n))

    def version(self):
        r = self.rng
        return "%d.%d.%d" % (r.randint(0, 12), r.randint(0, 30), r.randint(0, 40))

    def geometric(self, mean, cap):
        """A count >= 1 with roughly the given mean, at most cap."""
        n = 1 + int(self.rng.expovariate(1.0 / max(mean - 1, 0.1)))
        return min(n, cap)


class AppTree:
    """Component generators. Each one loops until the writer's budget is reached."""

    def __init__(self, writer, rng):
        self.w = writer
        self.rng = rng
        self.n = Names(rng)
        self.taken = {}

    # ---------- node_modules ----------

    def package(self, path, depth, bin_dir):
        w, n, r = self.w, self.n, self.rng
        w.dir(path)
        w.file(path + "/package.json")
        for extra in ("README.md", "LICENSE", "index.js", "CHANGELOG.md", "index.d.ts"):
            if r.random() < 0.6:
                w.file(path + "/" + extra)
        for _ in range(n.geometric(2.2, 5)):
            top = path + "/" + r.choice(JS_DIRS)
            w.dir(top)
            self.js_files(top, n.geometric(8, 60))
            for _ in range(int(r.expovariate(1.2))):
                sub = top + "/" + n.word(1, 3)
                w.dir(sub)
                self.js_files(sub, n.geometric(6, 40))
        if r.random() < 0.12:
            w.dir(path + "/bin")
            cli = n.word(1, 2)
            w.file(path + "/bin/" + cli + ".js", executable=True)
            if bin_dir is not None:
                w.link(bin_dir + "/" + cli, os.path.relpath(path + "/bin/" + cli + ".js", bin_dir))
        if depth < 3 and r.random() < (0.25 if depth == 0 else 0.12):
            self.node_modules(path + "/node_modules", depth + 1, n.geometric(3, 12))

    def js_files(self, directory, count):
        w, n, r = self.w, self.n, self.rng
        seen = set()
        for _ in range(count):
            name = n.word(1, 3) + r.choice(JS_EXT)
            if name in seen:
                continue
            seen.add(name)
            w.file(directory + "/" + name)

    def node_modules(self, path, depth, packages=None):
        """A node_modules directory; `packages` None means: until the budget runs out."""
        w, n, r = self.w, self.n, self.rng
        w.dir(path)
        bin_dir = path + "/.bin"
        w.dir(bin_dir)
        if depth == 0:
            w.file(path + "/.yarn-integrity")
            w.file(path + "/.package-lock.json")
        taken = self.taken.setdefault(path, set())
        made = 0
        while packages is None or made < packages:
            if r.random() < 0.18:
                scope = "@" + r.choice(SCOPES)
                w.dir(path + "/" + scope)
                name = scope + "/" + n.word(1, 3)
            else:
                name = n.word(2, 4) + (("-" + n.word(1, 2)) if r.random() < 0.3 else "")
            if name in taken:
                continue
            taken.add(name)
            self.package(path + "/" + name, depth, bin_dir)
            made += 1

    # ---------- Rails ----------

    def vendor_bundle(self):
        w, n, r = self.w, self.n, self.rng
        base = "vendor/bundle/ruby/3.2.0"
        w.dirs_to(base)
        for sub in ("gems", "specifications", "cache", "extensions", "bin", "build_info"):
            w.dir(base + "/" + sub)
        while True:
            gem = r.choice(GEM_NAMES) + ("-" + n.word(1, 2) if r.random() < 0.7 else "")
            full = gem + "-" + n.version()
            root = base + "/gems/" + full
            if root in w.dirs:
                continue
            w.dir(root)
            w.file(base + "/specifications/" + full + ".gemspec")
            w.file(base + "/cache/" + full + ".gem")
            for extra in ("README.md", "LICENSE.txt", "CHANGELOG.md"):
                if r.random() < 0.5:
                    w.file(root + "/" + extra)
            lib = root + "/lib"
            w.dir(lib)
            w.file(lib + "/" + gem + ".rb")
            w.dir(lib + "/" + gem)
            self.ruby_files(lib + "/" + gem, n.geometric(10, 80))
            for _ in range(int(r.expovariate(0.7))):
                sub = lib + "/" + gem + "/" + n.word(1, 3)
                w.dir(sub)
                self.ruby_files(sub, n.geometric(6, 40))
            if r.random() < 0.15:
                w.dir(root + "/ext")
                w.dir(root + "/ext/" + gem)
                for ext in (".c", ".h", ".o", ".so", "extconf.rb", "Makefile"):
                    w.file(root + "/ext/" + gem + "/" + (gem + ext if ext.startswith(".") else ext))

    def ruby_files(self, directory, count):
        w, n = self.w, self.n
        seen = set()
        for _ in range(count):
            name = n.word(1, 3) + ".rb"
            if name not in seen:
                seen.add(name)
                w.file(directory + "/" + name)

    def rails_tmp(self):
        w, n, r = self.w, self.n, self.rng
        boot = "tmp/cache/bootsnap/compile-cache-iseq"
        sprockets = "tmp/cache/assets/sprockets/v4.0.0"
        w.dirs_to(boot)
        w.dirs_to(sprockets)
        w.dirs_to("tmp/cache/bootsnap/compile-cache-yaml")
        w.file("tmp/cache/bootsnap/load-path-cache")
        w.dirs_to("tmp/cache/webpacker")
        w.file("tmp/cache/webpacker/last-compilation-digest-development")
        w.dirs_to("tmp/storage")
        w.file("tmp/storage/.keep")
        w.file("tmp/restart.txt")
        while True:
            pick = r.random()
            if pick < 0.55:
                d = boot + "/" + n.hexstr(2)
            elif pick < 0.65:
                d = "tmp/cache/bootsnap/compile-cache-yaml/" + n.hexstr(2)
            else:
                d = sprockets + "/" + n.hexstr(2)
            w.dir(d)
            w.file(
                d + "/" + n.hexstr(14 if pick < 0.65 else 40) + ("" if pick < 0.65 else ".cache")
            )

    def storage(self):
        w, n = self.w, self.n
        while True:
            d = "storage/" + n.hexstr(2) + "/" + n.hexstr(2)
            w.dirs_to(d)
            key = "".join(
                self.rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(28)
            )
            w.file(d + "/" + key)

    def uploads(self):
        w, n, r = self.w, self.n, self.rng
        models = ["user/avatar", "product/image", "attachment/file", "company/logo", "document/pdf"]
        ident = 0
        while True:
            ident += 1
            if r.random() < 0.05:
                d = "public/uploads/tmp/%d-%d-%04d-%04d" % (
                    1700000000 + ident * 37,
                    r.randint(100, 99999),
                    r.randint(0, 9999),
                    ident % 10000,
                )
            else:
                d = "public/uploads/%s/%d" % (r.choice(models), ident)
            w.dirs_to(d)
            stem = n.word(1, 3)
            ext = r.choice((".jpg", ".png", ".pdf", ".webp"))
            w.file(d + "/" + stem + ext)
            for version in ("thumb_", "small_", "medium_"):
                if r.random() < 0.6:
                    w.file(d + "/" + version + stem + ext)

    def public_assets(self):
        w, n, r = self.w, self.n, self.rng
        w.dirs_to("public/assets")
        w.file("public/assets/.sprockets-manifest-" + n.hexstr(32) + ".json")
        w.dirs_to("public/packs/js")
        w.dirs_to("public/packs/css")
        w.dirs_to("public/packs/media/images")
        w.file("public/packs/manifest.json")
        while True:
            pick = r.random()
            name = n.word(1, 3)
            if pick < 0.4:
                digest = n.hexstr(64)
                ext = r.choice((".js", ".css", ".png", ".svg", ".woff2"))
                w.file("public/assets/" + name + "-" + digest + ext)
                if ext in (".js", ".css"):
                    w.file("public/assets/" + name + "-" + digest + ext + ".gz")
            elif pick < 0.8:
                d = "public/packs/" + r.choice(("js", "css"))
                ext = ".js" if d.endswith("js") else ".css"
                stem = name + "-" + n.hexstr(20)
                w.file(d + "/" + stem + ext)
                w.file(d + "/" + stem + ext + ".map")
            else:
                w.file("public/packs/media/images/" + name + "-" + n.hexstr(20) + ".png")

    def rails_source(self):
        w, n, r = self.w, self.n, self.rng
        dirs = {
            "app/models": ".rb",
            "app/controllers": "_controller.rb",
            "app/helpers": "_helper.rb",
            "app/jobs": "_job.rb",
            "app/mailers": "_mailer.rb",
            "app/channels": "_channel.rb",
            "app/javascript/controllers": "_controller.js",
            "app/javascript/components": ".jsx",
            "app/javascript/packs": ".js",
            "app/assets/stylesheets": ".scss",
            "app/assets/images": ".svg",
            "config/initializers": ".rb",
            "config/locales": ".yml",
            "db/migrate": ".rb",
            "lib/tasks": ".rake",
            "spec/models": "_spec.rb",
            "spec/requests": "_spec.rb",
            "spec/system": "_spec.rb",
            "spec/factories": ".rb",
            "test/fixtures/files": ".txt",
        }
        keys = sorted(dirs)
        for d in keys:
            w.dirs_to(d)
        serial = 0
        while True:
            serial += 1
            if r.random() < 0.15:
                res = r.choice(RAILS_RESOURCES) + "s"
                d = "app/views/" + res
                w.dirs_to(d)
                w.file(
                    d
                    + "/"
                    + r.choice(("index", "show", "new", "edit", "_form", "_" + n.word(1, 2)))
                    + "-"
                    + str(serial)
                    + ".html.erb"
                )
                continue
            d = r.choice(keys)
            if d == "db/migrate":
                name = "2024%010d_%s_%s" % (serial, n.word(1, 2), r.choice(RAILS_RESOURCES))
            else:
                name = r.choice(RAILS_RESOURCES) + "_" + n.word(1, 2) + "_" + str(serial)
            w.file(d + "/" + name + dirs[d])

    # ---------- monorepo parts ----------

    def next_app(self, app):
        w, n, r = self.w, self.n, self.rng
        w.dirs_to(app)
        for f in ("package.json", "next.config.js", "tsconfig.json", "next-env.d.ts"):
            w.file(app + "/" + f)
        for d in ("src/app", "src/components", "src/lib", "public/images"):
            w.dirs_to(app + "/" + d)
        cache = app + "/.next/cache"
        for d in (
            "webpack/client-development",
            "webpack/server-development",
            "webpack/client-production",
            "webpack/server-production",
            "webpack/edge-server-production",
            "images",
            "swc/plugins",
            "fetch-cache",
        ):
            w.dirs_to(cache + "/" + d)
        for d in (
            "server/app",
            "server/pages",
            "server/chunks",
            "static/chunks/pages",
            "static/css",
            "static/media",
        ):
            w.dirs_to(app + "/.next/" + d)
        build_id = n.hexstr(21)
        w.dirs_to(app + "/.next/static/" + build_id)
        w.file(app + "/.next/static/" + build_id + "/_buildManifest.js")
        w.file(app + "/.next/BUILD_ID")
        modules_started = False
        while True:
            pick = r.random()
            if pick < 0.35:
                d = (
                    cache
                    + "/webpack/"
                    + r.choice(
                        (
                            "client-development",
                            "server-development",
                            "client-production",
                            "server-production",
                            "edge-server-production",
                        )
                    )
                )
                w.file(d + "/%d.pack" % r.getrandbits(40) + (".gz" if r.random() < 0.3 else ""))
            elif pick < 0.5:
                d = cache + "/images/" + n.hexstr(43)
                w.dir(d)
                w.file(d + "/%d.%s.webp" % (r.randint(60, 3600), n.hexstr(40)))
            elif pick < 0.55:
                w.file(cache + "/fetch-cache/" + n.hexstr(64))
            elif pick < 0.7:
                d = (
                    app
                    + "/.next/"
                    + r.choice(
                        (
                            "server/app",
                            "server/pages",
                            "server/chunks",
                            "static/chunks/pages",
                            "static/css",
                            "static/media",
                        )
                    )
                )
                w.file(
                    d + "/" + n.word(1, 3) + "-" + n.hexstr(16) + r.choice((".js", ".css", ".map"))
                )
            elif pick < 0.8:
                d = app + "/" + r.choice(("src/app", "src/components", "src/lib", "public/images"))
                if r.random() < 0.2:
                    d += "/" + n.word(1, 2)
                    w.dir(d)
                w.file(d + "/" + n.word(1, 3) + r.choice((".tsx", ".ts", ".module.css", ".png")))
            else:
                if not modules_started:
                    w.dir(app + "/node_modules")
                    w.dir(app + "/node_modules/.bin")
                    modules_started = True
                # Workspace-local packages, one at a time, hoisting the rest to the root.
                self.node_modules(app + "/node_modules", 1, 1)

    def workspace_package(self, pkg):
        w, n, r = self.w, self.n, self.rng
        w.dirs_to(pkg)
        # The workspace link yarn makes: an in-tree directory symlink in the root node_modules.
        w.dirs_to("node_modules/@app")
        w.link("node_modules/@app/" + pkg.rsplit("/", 1)[1], "../../" + pkg)
        w.file(pkg + "/package.json")
        w.file(pkg + "/tsconfig.json")
        outputs = ["dist", "dist/esm", "dist/cjs"] + (["build"] if r.random() < 0.5 else [])
        for d in ["src"] + outputs:
            w.dir(pkg + "/" + d)
        if r.random() < 0.5:
            self.node_modules(pkg + "/node_modules", 1, n.geometric(3, 10))
        for _ in range(n.geometric(40, 300)):
            mod = n.word(1, 3)
            sub = r.choice(("", "/" + n.word(1, 2)))
            w.dir(pkg + "/src" + sub)
            w.file(pkg + "/src" + sub + "/" + mod + ".ts")
            out = r.choice(outputs)
            w.dir(pkg + "/" + out + sub)
            w.file(pkg + "/" + out + sub + "/" + mod + ".js")
            if r.random() < 0.5:
                w.file(pkg + "/" + out + sub + "/" + mod + ".d.ts")

    def packages(self):
        names = set()
        while True:
            name = self.n.word(2, 3)
            if name not in names:
                names.add(name)
                self.workspace_package("packages/" + name)

    def rust_service(self, svc):
        w, n, r = self.w, self.n, self.rng
        w.dirs_to(svc + "/src")
        w.file(svc + "/Cargo.toml")
        w.file(svc + "/Cargo.lock")
        for _ in range(n.geometric(12, 40)):
            w.file(svc + "/src/" + n.word(1, 3) + "_" + n.hexstr(2) + ".rs")
        for profile in ("debug", "release"):
            t = svc + "/target/" + profile
            for d in ("build", "deps", ".fingerprint", "incremental", "examples"):
                w.dirs_to(t + "/" + d)
            for _ in range(n.geometric(120, 600)):
                crate = n.word(1, 3).replace("-", "_") + "-" + n.hexstr(16)
                w.file(t + "/deps/" + crate + ".d")
                w.file(t + "/deps/lib" + crate + ".rlib")
                w.file(t + "/deps/lib" + crate + ".rmeta")
                fp = t + "/.fingerprint/" + crate
                w.dir(fp)
                for f in ("invoked.timestamp", "lib-x", "lib-x.json", "dep-lib-x"):
                    w.file(fp + "/" + f)
                if r.random() < 0.1:
                    b = t + "/build/" + crate
                    w.dir(b)
                    w.dir(b + "/out")
                    for f in ("output", "root-output", "stderr", "invoked.timestamp"):
                        w.file(b + "/" + f)
                if profile == "debug" and r.random() < 0.2:
                    inc = t + "/incremental/" + crate + "/s-" + n.hexstr(10) + "-" + n.hexstr(10)
                    w.dirs_to(inc)
                    for f in ("dep-graph.bin", "query-cache.bin", "work-products.bin"):
                        w.file(inc + "/" + f)
                    for _ in range(n.geometric(8, 40)):
                        w.file(inc + "/" + n.hexstr(16) + ".o")

    def services(self):
        names = set()
        while True:
            name = self.n.word(2, 3) + "-svc"
            if name not in names:
                names.add(name)
                self.rust_service("services/" + name)

    # ---------- skeleton ----------

    def skeleton(self):
        """Fixed parts every tree has (created before the budgeted components)."""
        w = self.w
        for f in (
            "Gemfile",
            "Gemfile.lock",
            "package.json",
            "yarn.lock",
            "Rakefile",
            "config.ru",
            "README.md",
            "Procfile",
            ".ruby-version",
            ".node-version",
            ".browserslistrc",
            "babel.config.js",
            "postcss.config.js",
            "tsconfig.json",
            "turbo.json",
            "yarn-error.log",
            ".byebug_history",
            ".DS_Store",
        ):
            w.file(f)
        for d in (
            "bin",
            "config/environments",
            "config/webpack",
            "config/credentials",
            "db",
            "log",
            "tmp/pids",
            "tmp/sockets",
            "tmp/cache",
            "storage",
            "public/uploads",
            "vendor",
            "coverage",
            "apps",
            "packages",
            "services",
            ".github/workflows",
            ".idea",
            ".vscode",
        ):
            w.dirs_to(d)
        for f in ("bin/rails", "bin/rake", "bin/setup", "bin/webpack", "bin/dev"):
            w.file(f, executable=True)
        for f in (
            "config/application.rb",
            "config/environment.rb",
            "config/routes.rb",
            "config/database.yml",
            "config/storage.yml",
            "config/puma.rb",
            "config/master.key",
            "config/credentials/production.key",
            "config/credentials/production.yml.enc",
            "config/webpacker.yml",
            "config/webpack/environment.js",
            "config/environments/development.rb",
            "config/environments/production.rb",
            "config/environments/test.rb",
            "db/schema.rb",
            "db/seeds.rb",
            "db/development.sqlite3",
            "log/.keep",
            "log/development.log",
            "log/test.log",
            "log/production.log",
            "log/puma.stdout.log",
            "tmp/.keep",
            "tmp/pids/.keep",
            "tmp/pids/server.pid",
            "storage/.keep",
            "public/uploads/.keep",
            "public/robots.txt",
            "public/favicon.ico",
            "public/404.html",
            "public/500.html",
            "coverage/.resultset.json",
            "coverage/index.html",
            ".github/workflows/ci.yml",
            ".idea/workspace.xml",
            ".vscode/settings.json",
            ".env",
            ".env.local",
        ):
            w.file(f)
        # A few symlinks: in-tree directory links and dangling ones.
        w.link("log/current", "/var/log/app/nonexistent.log")
        w.link("tmp/sockets/puma.sock.old", "/tmp/puma-gone.sock")
        w.link("public/uploads/latest", "../../storage")
        w.link("config/master.key.link", "master.key")
        w.link("vendor/cache", "bundle")
        w.link("packages/.broken", "does-not-exist/")


def generate(dest, entries, seed):
    """Creates the tree at dest (must not exist). Returns counts."""
    old_umask = os.umask(0o022)
    try:
        os.mkdir(dest, 0o755)
        w = TreeWriter(dest)
        rng = random.Random(seed)
        tree = AppTree(w, rng)
        w.limit = entries
        try:
            tree.skeleton()
        except BudgetReached:
            return dict(w.counts, entries=w.count)
        # Weights of the budgeted components (share of what is left after the skeleton).
        components = [
            (0.38, lambda: tree.node_modules("node_modules", 0)),
            (0.12, tree.vendor_bundle),
            (0.08, tree.rails_tmp),
            (0.05, tree.storage),
            (0.04, tree.uploads),
            (0.02, tree.public_assets),
            (0.07, lambda: tree.next_app("apps/web")),
            (0.05, lambda: tree.next_app("apps/admin")),
            (0.07, tree.packages),
            (0.06, tree.services),
            (0.06, tree.rails_source),
        ]
        remaining = entries - w.count
        total_weight = sum(weight for weight, _ in components)
        for index, (weight, component) in enumerate(components):
            if index == len(components) - 1:
                w.limit = entries
            else:
                w.limit = min(entries, w.count + int(remaining * weight / total_weight))
            try:
                component()
            except BudgetReached:
                pass
        return dict(w.counts, entries=w.count)
    finally:
        os.umask(old_umask)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest")
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    counts = generate(args.dest, args.entries, args.seed)
    print(counts)


if __name__ == "__main__":
    main(sys.argv[1:])
