/// A named set of patterns for one framework (`presets = ["rails"]`); `PresetTable` holds what each one selects.
public enum Preset: String, CaseIterable, Equatable, Hashable, Sendable {
  /// Ruby on Rails.
  case rails
  /// Laravel.
  case laravel
  /// Symfony.
  case symfony
  /// Django.
  case django
  /// Next.js.
  case nextjs
  /// WordPress.
  case wordpress

  /// The name written in `presets` and `BP_GROUP_WRITABLE_PRESETS`.
  public var name: String { rawValue }

  /// The pattern source name of the preset's patterns, such as `preset rails`.
  public var patternSource: String { "preset \(rawValue)" }

  /// The preset whose patterns carry `source` as their origin (`preset rails`), nil for any other source.
  public init?(patternSource source: String) {
    guard source.hasPrefix("preset ") else { return nil }
    self.init(rawValue: String(source.dropFirst("preset ".count)))
  }
}
