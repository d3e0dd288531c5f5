/// The presets' data: what each framework writes at run time, from its own documentation
/// (docs/CONFIGURATION.md, "Presets").
public enum PresetTable {
  /// The definition of `preset`.
  public static func definition(of preset: Preset) -> PresetDefinition {
    switch preset {
    case .rails:
      // Rails guides, "Getting Started", the app's directories: `log/`, `storage/` (Active Storage's Disk service
      // and, since Rails 8, the SQLite databases `storage/production*.sqlite3`), `tmp/` (cache and pid files).
      return PresetDefinition(
        framework: "Ruby on Rails",
        paths: ["/tmp/", "/log/", "/storage/", "/db/*.sqlite3"],
        create: ["tmp/pids", "tmp/cache", "tmp/sockets", "log", "storage"],
        ephemeral: ["tmp/cache"],
        documentation: "https://guides.rubyonrails.org/getting_started.html#directory-structure",
        versions: "7.1–8.0")
    case .laravel:
      // Laravel docs, "Installation: Directory Permissions": `storage/` and `bootstrap/cache/` must be writable by
      // the web server; Laravel 11's default SQLite database is `database/database.sqlite`.
      return PresetDefinition(
        framework: "Laravel",
        paths: ["/storage/", "/bootstrap/cache/", "/database/*.sqlite"],
        create: [
          "storage/logs", "storage/framework/cache", "storage/framework/sessions",
          "storage/framework/views",
          "bootstrap/cache",
        ],
        ephemeral: ["storage/framework/views"],
        documentation: "https://laravel.com/docs/11.x/installation#directory-permissions",
        versions: "10.x–11.x")
    case .symfony:
      // Symfony docs, "Setting up or Fixing File Permissions": `var/cache/` and `var/log/` must be writable; the
      // skeleton's SQLite `DATABASE_URL` is `var/data.db`.
      return PresetDefinition(
        framework: "Symfony",
        paths: ["/var/"],
        create: ["var/cache", "var/log"],
        ephemeral: ["var/cache"],
        documentation: "https://symfony.com/doc/current/setup/file_permissions.html",
        versions: "6.4–7.2")
    case .django:
      // Django docs, `MEDIA_ROOT` (uploads; `media/` by convention) and `DATABASES`, whose project template
      // puts SQLite at `BASE_DIR / "db.sqlite3"`.
      return PresetDefinition(
        framework: "Django",
        paths: ["/media/", "/db.sqlite3"],
        create: ["media"],
        ephemeral: [],
        documentation: "https://docs.djangoproject.com/en/5.1/ref/settings/#media-root",
        versions: "4.2–5.1")
    case .nextjs:
      // Next.js docs, "Self-Hosting: Caching and ISR": `next start` writes the image optimisation and
      // incremental cache to `.next/cache/`, which can be thrown away.
      return PresetDefinition(
        framework: "Next.js",
        paths: ["/.next/cache/"],
        create: [".next/cache"],
        ephemeral: [".next/cache"],
        documentation: "https://nextjs.org/docs/app/guides/self-hosting#caching-and-isr",
        versions: "14–15")
    case .wordpress:
      // WordPress developer docs, "File Permissions": `wp-content/uploads/` must be writable by the web server;
      // caching plugins write `wp-content/cache/`.
      return PresetDefinition(
        framework: "WordPress",
        paths: ["/wp-content/uploads/", "/wp-content/cache/"],
        create: ["wp-content/uploads"],
        ephemeral: ["wp-content/cache"],
        documentation:
          "https://developer.wordpress.org/advanced-administration/server/file-permissions/",
        versions: "6.4–6.7")
    }
  }
}
