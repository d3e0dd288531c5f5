/// The presets an app asked for: the `presets` key's entries, then `BP_GROUP_WRITABLE_PRESETS`'s items, each a
/// preset name or `auto`, checked and held to `ConfigurationLimits` (at most `presetEntries` per source, names
/// of at most `presetNameBytes`).
public struct PresetRequest: Equatable, Sendable {
  /// The entry that asks for detection.
  public static let autoName = "auto"

  /// One named preset and the source that named it.
  public struct Entry: Equatable, Sendable {
    /// The preset.
    public var preset: Preset
    /// The key or variable that named it.
    public var source: SettingSource
  }

  /// The named presets in order, each once (the first source that named it).
  public private(set) var named: [Entry] = []
  /// The first source that asked for `auto`, nil when none did.
  public private(set) var auto: SettingSource?

  /// An empty request.
  public init() {}

  /// Adds the entries of one source, in order (`element` numbers from 1).
  public mutating func add(_ entries: [String], source: SettingSource) throws(ConfigurationError) {
    let limit = ConfigurationLimits.presetEntries
    guard entries.count <= limit else { throw .tooManyPresets(source: source, limit: limit) }
    for (index, entry) in entries.enumerated() {
      try add(entry, source: source, element: index + 1)
    }
  }

  /// Adds the items of `BP_GROUP_WRITABLE_PRESETS` (`EnvironmentList` syntax), blank items skipped.
  public mutating func add(variableValue value: String) throws(ConfigurationError) {
    let items = EnvironmentList.items(value).filter {
      !EnvironmentList.trimmedBlanks($0.bytes).isEmpty
    }
    let source = SettingSource.variable(.presets)
    let limit = ConfigurationLimits.presetEntries
    guard items.count <= limit else { throw .tooManyPresets(source: source, limit: limit) }
    for item in items {
      try add(
        String(decoding: EnvironmentList.trimmedBlanks(item.bytes), as: UTF8.self), source: source,
        element: item.number)
    }
  }

  /// Checks and adds one entry: a preset's name or `auto`, in any case.
  mutating func add(_ text: String, source: SettingSource, element: Int) throws(ConfigurationError)
  {
    let length = text.utf8.count
    let limit = ConfigurationLimits.presetNameBytes
    guard length <= limit else {
      throw .presetNameTooLong(source: source, element: element, length: length, limit: limit)
    }
    let name = text.lowercased()
    if name == Self.autoName {
      if auto == nil { auto = source }
      return
    }
    guard let preset = Preset(rawValue: name) else {
      let known = Preset.allCases.map(\.name) + [Self.autoName]
      throw .unknownPreset(
        source: source, element: element, value: text,
        suggestion: KeySuggestion.closest(to: text, among: known))
    }
    if !named.contains(where: { $0.preset == preset }) {
      named.append(Entry(preset: preset, source: source))
    }
  }
}
