/// The files that mark a framework unambiguously (docs/CONFIGURATION.md, "Presets", `auto`): a framework is
/// detected when every file of one of its marker sets is a regular file in the app directory (a link or a
/// directory does not count).
public enum FrameworkRules {
  /// The marker sets of `preset`: any one set, with all its files, detects it.
  public static func markers(of preset: Preset) -> [[String]] {
    switch preset {
    case .rails: return [["bin/rails", "config/application.rb"]]
    case .laravel: return [["artisan"]]
    case .symfony: return [["bin/console", "symfony.lock"]]
    case .django: return [["manage.py"]]
    case .nextjs:
      return [["next.config.js"], ["next.config.mjs"], ["next.config.ts"], ["next.config.cjs"]]
    case .wordpress: return [["wp-config.php"]]
    }
  }

  /// Every marker set, for messages: "`bin/rails` with `config/application.rb`, `artisan`, …".
  public static var markerText: String {
    Preset.allCases.map { preset in
      let sets = markers(of: preset)
      if preset == .nextjs { return "`next.config.*`" }
      return sets.map { $0.map { "`\($0)`" }.joined(separator: " with ") }.joined(separator: ", ")
    }.joined(separator: ", ")
  }
}
