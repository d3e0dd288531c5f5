import ChildProcessSupport
import Core
import FileSystem
import Patterns
import Testing

/// `presets` and `BP_GROUP_WRITABLE_PRESETS`: expansion, order, `auto`, opting in, errors and hints.
@Suite(.spawnedTOMLParser) struct PresetConfigurationTests {
  /// The decision for an app of `files` (and other `kinds` of entries) under `environment`.
  static func load(
    _ files: [String: String], kinds: [String: FileKind] = [:],
    _ environment: [String: String] = [:]
  ) -> Result<OptInDecision, ConfigurationError> {
    do {
      return .success(
        try ConfigurationLoader(app: FakeAppFiles(files: files, kinds: kinds)).load(
          environment: environment))
    } catch {
      return .failure(error)
    }
  }

  /// The configuration of an opted-in app.
  static func configuration(
    _ files: [String: String], kinds: [String: FileKind] = [:],
    _ environment: [String: String] = [:]
  ) throws -> Configuration {
    guard case .success(.optedIn(let configuration)) = load(files, kinds: kinds, environment) else {
      throw ConfigurationTestFailure.notOptedIn
    }
    return configuration
  }

  enum ConfigurationTestFailure: Error { case notOptedIn }

  static let rails = ["bin/rails": "", "config/application.rb": ""]

  @Test func presetPatternsComeFirstAndUserPatternsAfter() throws {
    let configuration = try Self.configuration(
      table("presets = [\"rails\"]", "paths = [\"/public/uploads/\"]"))
    #expect(
      configuration.patterns.map(\.displayText) == [
        "/tmp/", "/log/", "/storage/", "/db/*.sqlite3", "/public/uploads/",
      ])
    #expect(
      configuration.patterns.map(\.origin.source)
        == Array(repeating: "preset rails", count: 4) + ["project.toml paths"])
    #expect(
      configuration.create.map(\.description) == [
        "tmp/pids", "tmp/cache", "tmp/sockets", "log", "storage",
      ])
    #expect(configuration.presets == [.rails])
    #expect(
      configuration.sources.map(\.logText) == [
        "`project.toml` table `[utility.group-writable]`",
        "preset `rails` (the key `utility.group-writable.presets` (line 2) in `project.toml`); Ruby on Rails can "
          + "rebuild `tmp/cache`: on a read-only root file system, add `ephemeral = [\"tmp/cache\"]`",
      ])
  }

  @Test func aUserNegationTakesBackAPresetPathAndItsCreateDirectories() throws {
    let configuration = try Self.configuration(
      table("presets = [\"rails\"]", "paths = [\"!/log/\"]"))
    #expect(configuration.patterns.last?.displayText == "!/log/")
    #expect(
      configuration.create.map(\.description) == [
        "tmp/pids", "tmp/cache", "tmp/sockets", "storage",
      ])
  }

  @Test(arguments: [".next/cache", ".next"])
  func anEphemeralDirectoryIsNotSuggestedAgain(ephemeral: String) throws {
    let configuration = try Self.configuration(
      table("presets = [\"nextjs\"]", "ephemeral = [\"\(ephemeral)\"]"))
    #expect(
      configuration.sources.map(\.logText).last
        == "preset `nextjs` (the key `utility.group-writable.presets` (line 2) in `project.toml`)")
  }

  @Test func theVariableNamesPresetsAndOptsIn() throws {
    let configuration = try Self.configuration(
      [:], ["BP_GROUP_WRITABLE_PRESETS": "Django, symfony,django"])
    #expect(configuration.presets == [.django, .symfony])
    #expect(configuration.patterns.map(\.displayText) == ["/media/", "/db.sqlite3", "/var/"])
    #expect(
      configuration.sources.map(\.logText) == [
        "preset `django` (`BP_GROUP_WRITABLE_PRESETS`)",
        "preset `symfony` (`BP_GROUP_WRITABLE_PRESETS`); Symfony can rebuild `var/cache`: on a read-only root file "
          + "system, add `ephemeral = [\"var/cache\"]`",
      ])
    #expect(!configuration.wholeApp)
  }

  @Test func autoAppliesWhatItDetectsAndSaysWhy() throws {
    let configuration = try Self.configuration(
      Self.rails.merging(table("presets = [\"auto\"]")) { $1 })
    #expect(configuration.presets == [.rails])
    #expect(
      configuration.sources.map(\.logText).last
        == "preset `rails`, detected by `auto` (the key `utility.group-writable.presets` (line 2) in `project.toml`) "
        + "from `bin/rails` and `config/application.rb`; Ruby on Rails can rebuild `tmp/cache`: on a read-only root "
        + "file system, add `ephemeral = [\"tmp/cache\"]`")
  }

  @Test func autoInTheTableWithNothingFoundSaysSoAndChangesNothing() throws {
    let configuration = try Self.configuration(table("presets = [\"auto\"]"))
    #expect(configuration.patterns.isEmpty && configuration.create.isEmpty)
    #expect(
      configuration.sources.map(\.logText).last
        == "`auto` (the key `utility.group-writable.presets` (line 2) in `project.toml`) found no framework (it looks "
        + "for `bin/rails` with `config/application.rb`, `artisan`, `bin/console` with `symfony.lock`, `manage.py`, "
        + "`next.config.*`, `wp-config.php`): no preset applied")
    #expect(configuration.warnings == [.nothingSelected])
  }

  @Test func anOperatorsAutoOptsInOnlyWhereItFindsAFramework() throws {
    let environment = ["BP_GROUP_WRITABLE_PRESETS": "auto"]
    #expect(Self.load(["Gemfile": ""], environment).value == .notOptedIn(.noFrameworkDetected))
    #expect(
      OptOutReason.noFrameworkDetected.sentence
        == "Not opted in: `BP_GROUP_WRITABLE_PRESETS=auto` found no framework it knows (`bin/rails` with "
        + "`config/application.rb`, `artisan`, `bin/console` with `symfony.lock`, `manage.py`, `next.config.*`, "
        + "`wp-config.php`); name a preset or add a `[utility.group-writable]` table to `project.toml` to opt in."
    )
    #expect(try Self.configuration(["artisan": ""], environment).presets == [.laravel])
    let disabled = table("enabled = false").merging(["artisan": ""]) { $1 }
    #expect(
      Self.load(disabled, environment).value
        == .notOptedIn(.disabledInProjectFile(file: "project.toml")))
    let named = table("enabled = false", "presets = [\"laravel\"]").merging(["artisan": ""]) { $1 }
    #expect(
      try Self.configuration(named, ["BP_GROUP_WRITABLE_PRESETS": "laravel"]).presets == [.laravel])
    #expect(
      try Self.configuration(
        ["Gemfile": ""], environment.merging(["BP_GROUP_WRITABLE_PATHS": "/tmp/"]) { $1 }
      )
      .presets.isEmpty)
  }

  @Test func aPresetBehindALinkIsNeitherCreatedNorPretended() throws {
    let configuration = try Self.configuration(
      table("presets = [\"nextjs\"]"), kinds: [".next": .symbolicLink])
    #expect(configuration.create.isEmpty)
    #expect(
      configuration.warnings == [
        .presetPathIsLink(preset: .nextjs, path: ".next/cache", link: ".next")
      ])
    #expect(
      rendered(configuration.warnings[0]) == """
        ! Warning: The `nextjs` preset cannot reach `.next/cache`: it is behind a symbolic link
        !
        ! `.next`, on the way to `.next/cache`, is a symbolic link in the app directory, likely into a layer where \
        another buildpack keeps the directory. This buildpack never follows links and does not change layers, so \
        `.next/cache` is neither created nor made group-writable.
        !
        ! How to fix it:
        ! - Have the buildpack that owns the layer make the directory group-writable, or keep the directory in the \
        app directory (no link) so that the preset can select it.

        """)
  }

  @Test func aFrameworkWhosePlacesAreNotSelectedGetsOneWarning() throws {
    let configuration = try Self.configuration(
      Self.rails.merging(table("paths = [\"/tmp/\"]")) { $1 })
    #expect(
      configuration.warnings == [
        .presetNotApplied(
          detection: FrameworkDetection(
            preset: .rails, markers: ["bin/rails", "config/application.rb"]),
          unselected: ["log", "storage"])
      ])
    #expect(
      rendered(configuration.warnings[0]) == """
        ! Warning: Ruby on Rails writes to paths that are not selected
        !
        ! `bin/rails` and `config/application.rb` show a Ruby on Rails app. It writes to `log` and `storage`, which no \
        pattern selects: at run time those writes fail with `EACCES`.
        !
        ! How to fix it:
        ! - Apply the `rails` preset: add `presets = ["rails"]` to `[utility.group-writable]` in `project.toml`, or \
        set `BP_GROUP_WRITABLE_PRESETS=rails` (your `!` patterns still take paths back).

        """)
    let paths = table("paths = [\"/tmp/\", \"/log/\", \"/storage/\"]")
    let covered = try Self.configuration(Self.rails.merging(paths) { $1 })
    #expect(covered.warnings.isEmpty)
  }

  @Test func theHintNamesNoDatabaseFileAnAppMayNotUse() throws {
    let configuration = try Self.configuration(
      ["manage.py": ""], ["BP_GROUP_WRITABLE_PATHS": "/static/"])
    #expect(
      configuration.warnings == [
        .presetNotApplied(
          detection: FrameworkDetection(preset: .django, markers: ["manage.py"]),
          unselected: ["media"])
      ])
  }

  @Test func wholeAppModeSuggestsTheNarrowerPreset() throws {
    let configuration = try Self.configuration(["manage.py": ""], ["BP_GROUP_WRITABLE": "true"])
    #expect(configuration.wholeApp)
    #expect(
      rendered(try #require(configuration.warnings.first)) == """
        ! Warning: Whole-app mode: the `django` preset is narrower
        !
        ! `BP_GROUP_WRITABLE=true` with no patterns makes the whole app directory group-writable, its code included. \
        `manage.py` shows a Django app, whose preset selects only `/media/` and `/db.sqlite3`.
        !
        ! How to fix it:
        ! - To select only those, add `presets = ["django"]` to `[utility.group-writable]` in `project.toml`, or \
        set `BP_GROUP_WRITABLE_PRESETS=django`.

        """)
  }

  static let errors: [([String: String], [String: String], String)] = [
    (
      table("presets = [\"rails\", \"laravl\"]"), [:],
      """
      ! Invalid configuration in `project.toml`
      !
      ! Element 2 of the key `utility.group-writable.presets` (line 2) is `laravl`, which is not a preset.
      !
      ! Presets: `rails`, `laravel`, `symfony`, `django`, `nextjs`, `wordpress`, and `auto` to detect the \
      framework.
      !
      ! How to fix it:
      ! - Did you mean `laravel`?

      """
    ),
    (
      [:], ["BP_GROUP_WRITABLE_PRESETS": "rails,spring"],
      """
      ! Invalid value for `BP_GROUP_WRITABLE_PRESETS`
      !
      ! Item 2 of `BP_GROUP_WRITABLE_PRESETS` is `spring`, which is not a preset.
      !
      ! Presets: `rails`, `laravel`, `symfony`, `django`, `nextjs`, `wordpress`, and `auto` to detect the \
      framework.
      !
      ! How to fix it:
      ! - Write one of the presets above, or remove the entry.

      """
    ),
    (
      [:], ["BP_GROUP_WRITABLE_PRESETS": String(repeating: "r", count: 33)],
      """
      ! Invalid value for `BP_GROUP_WRITABLE_PRESETS`
      !
      ! Item 1 of `BP_GROUP_WRITABLE_PRESETS` is 33 bytes long; a preset name has at most 32 bytes.
      !
      ! Presets: `rails`, `laravel`, `symfony`, `django`, `nextjs`, `wordpress`, and `auto` to detect the \
      framework.
      !
      ! How to fix it:
      ! - Write one of the presets above, or remove the entry.

      """
    ),
    (
      [:],
      ["BP_GROUP_WRITABLE_PRESETS": Array(repeating: "rails", count: 17).joined(separator: ",")],
      """
      ! Invalid value for `BP_GROUP_WRITABLE_PRESETS`
      !
      ! `BP_GROUP_WRITABLE_PRESETS` has more than 16 entries.
      !
      ! Presets: `rails`, `laravel`, `symfony`, `django`, `nextjs`, `wordpress`, and `auto` to detect the \
      framework.
      !
      ! How to fix it:
      ! - Name each preset once, or write `auto` alone.

      """
    ),
    (
      table("presets = \"rails\""), [:],
      """
      ! Invalid configuration in `project.toml`
      !
      ! The key `utility.group-writable.presets` (line 2) must be an array of strings, but it is a string.
      !
      ! How to fix it:
      ! - Write the presets as an array of strings, such as `presets = ["rails"]`.

      """
    ),
  ]

  @Test(arguments: errors)
  func refusesWhatIsNotAPresetNamingTheClosest(
    files: [String: String], environment: [String: String], expected: String
  ) throws {
    let error = try #require(Self.load(files, environment).error)
    #expect(rendered(error) == expected)
  }
}
