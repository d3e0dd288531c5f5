"""The Rust services (target/ trees) and the fixed skeleton of benchmarks/treegen.py's trees."""

SKELETON_FILES = (
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
)
SKELETON_DIRS = (
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
)
SKELETON_BIN = ("bin/rails", "bin/rake", "bin/setup", "bin/webpack", "bin/dev")
SKELETON_CONFIG = (
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
)


class OtherParts:
    """Rust services and the skeleton (mixed into treegen.AppTree)."""

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

    def skeleton(self):
        """Fixed parts every tree has (created before the budgeted components)."""
        w = self.w
        for f in SKELETON_FILES:
            w.file(f)
        for d in SKELETON_DIRS:
            w.dirs_to(d)
        for f in SKELETON_BIN:
            w.file(f, executable=True)
        for f in SKELETON_CONFIG:
            w.file(f)
        # A few symlinks: in-tree directory links and dangling ones.
        w.link("log/current", "/var/log/app/nonexistent.log")
        w.link("tmp/sockets/puma.sock.old", "/tmp/puma-gone.sock")
        w.link("public/uploads/latest", "../../storage")
        w.link("config/master.key.link", "master.key")
        w.link("vendor/cache", "bundle")
        w.link("packages/.broken", "does-not-exist/")
