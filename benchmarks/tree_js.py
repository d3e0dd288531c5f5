"""The JavaScript parts of benchmarks/treegen.py's trees: node_modules (scoped packages, nested
node_modules, .bin links), Next.js apps and workspace packages."""

import os

SCOPES = (
    "babel types aws-sdk angular emotion jest mui nestjs octokit opentelemetry radix-ui "
    "reduxjs rollup sentry smithy storybook swc tanstack testing-library trpc typescript-eslint "
    "vitejs vue webassemblyjs xtuc"
).split()
JS_DIRS = "lib src dist esm cjs es umd build utils internal helpers core compat".split()
JS_EXT = ".js .js .js .mjs .cjs .d.ts .js.map .json .ts".split()
NEXT_SOURCE_DIRS = ("src/app", "src/components", "src/lib", "public/images")
WEBPACK_CACHES = (
    "client-development",
    "server-development",
    "client-production",
    "server-production",
    "edge-server-production",
)
NEXT_CACHE_DIRS = ["images", "swc/plugins", "fetch-cache"]
NEXT_OUTPUT_DIRS = (
    "server/app",
    "server/pages",
    "server/chunks",
    "static/chunks/pages",
    "static/css",
    "static/media",
)


class JsParts:
    """node_modules, Next.js apps and workspace packages (mixed into treegen.AppTree)."""

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

    def next_app(self, app):
        w, n = self.w, self.n
        w.dirs_to(app)
        for f in ("package.json", "next.config.js", "tsconfig.json", "next-env.d.ts"):
            w.file(app + "/" + f)
        for d in NEXT_SOURCE_DIRS:
            w.dirs_to(app + "/" + d)
        cache = app + "/.next/cache"
        for d in ["webpack/" + name for name in WEBPACK_CACHES] + NEXT_CACHE_DIRS:
            w.dirs_to(cache + "/" + d)
        for d in NEXT_OUTPUT_DIRS:
            w.dirs_to(app + "/.next/" + d)
        build_id = n.hexstr(21)
        w.dirs_to(app + "/.next/static/" + build_id)
        w.file(app + "/.next/static/" + build_id + "/_buildManifest.js")
        w.file(app + "/.next/BUILD_ID")
        modules = {"started": False}
        while True:
            self.next_app_entry(app, cache, modules)

    def next_app_entry(self, app, cache, modules):
        """One more entry of a Next.js app: caches, build output, sources or packages."""
        w, n, r = self.w, self.n, self.rng
        pick = r.random()
        if pick < 0.35:
            d = cache + "/webpack/" + r.choice(WEBPACK_CACHES)
            w.file(d + "/%d.pack" % r.getrandbits(40) + (".gz" if r.random() < 0.3 else ""))
        elif pick < 0.5:
            d = cache + "/images/" + n.hexstr(43)
            w.dir(d)
            w.file(d + "/%d.%s.webp" % (r.randint(60, 3600), n.hexstr(40)))
        elif pick < 0.55:
            w.file(cache + "/fetch-cache/" + n.hexstr(64))
        elif pick < 0.7:
            d = app + "/.next/" + r.choice(NEXT_OUTPUT_DIRS)
            w.file(d + "/" + n.word(1, 3) + "-" + n.hexstr(16) + r.choice((".js", ".css", ".map")))
        elif pick < 0.8:
            d = app + "/" + r.choice(NEXT_SOURCE_DIRS)
            if r.random() < 0.2:
                d += "/" + n.word(1, 2)
                w.dir(d)
            w.file(d + "/" + n.word(1, 3) + r.choice((".tsx", ".ts", ".module.css", ".png")))
        else:
            if not modules["started"]:
                w.dir(app + "/node_modules")
                w.dir(app + "/node_modules/.bin")
                modules["started"] = True
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
