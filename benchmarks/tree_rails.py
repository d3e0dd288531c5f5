"""The Rails parts of benchmarks/treegen.py's trees: vendor/bundle, tmp/, storage/, uploads,
public assets and the app's own sources."""

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


class RailsParts:
    """Rails components (mixed into treegen.AppTree)."""

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
