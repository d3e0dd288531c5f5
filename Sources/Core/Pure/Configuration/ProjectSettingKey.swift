/// The keys of the `[utility.group-writable]` table in `project.toml`.
public enum ProjectSettingKey: String, CaseIterable, Equatable, Sendable {
  /// `paths`: gitignore-format patterns, a multi-line string or an array of strings.
  case paths
  /// `paths-file`: a gitignore-format file relative to the app directory.
  case pathsFile = "paths-file"
  /// `create`: directories to create (like `mkdir -p`) before selection.
  case create
  /// `setgid`: also set the set-group-ID bit on writable directories.
  case setgid
  /// `enabled`: `false` turns the table's opt-in off.
  case enabled
  /// `keep-world-writable`: entries keep world write (`o+w`) instead of losing it.
  case keepWorldWritable = "keep-world-writable"
  /// `exclusive`: entries outside the selection lose group write.
  case exclusive
  /// `sqlite-directories`: the directory of a selected SQLite database becomes group-writable
  /// (with the sticky bit).
  case sqliteDirectories = "sqlite-directories"
  /// `audit`: the build audits the app directory.
  case audit
  /// `ephemeral`: directories that live in a writable place at run time.
  case ephemeral
  /// `ephemeral-base`: the absolute directory where the `ephemeral` directories live at run time.
  case ephemeralBase = "ephemeral-base"
  /// `presets`: named pattern sets (`rails`, …) or `auto`, applied before the app's own patterns.
  case presets

  /// The dotted name of the table, `utility.group-writable`.
  public static let tablePath = ["utility", "group-writable"]

  /// The table header as written in TOML, `[utility.group-writable]`.
  public static let tableHeader = "[utility.group-writable]"

  /// The full dotted key, such as `utility.group-writable.paths-file`.
  public var dottedName: String { Self.dottedName(of: rawValue) }

  /// The full dotted key of any key in the table, quoting it when it is not a bare TOML key.
  public static func dottedName(of key: String) -> String {
    dottedName(path: tablePath + [key])
  }

  /// Any key path as a dotted key, quoting each part that is not a bare TOML key.
  public static func dottedName(path: [String]) -> String {
    path.map(shown).joined(separator: ".")
  }

  /// One key as TOML writes it: bare when it can be, else quoted.
  static func shown(_ key: String) -> String {
    let isBare =
      !key.isEmpty
      && key.unicodeScalars.allSatisfy { scalar in
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "-", "_": return true
        default: return false
        }
      }
    return isBare ? key : quoted(key)
  }

  /// `key` as a TOML basic string, with `"` and `\` escaped.
  static func quoted(_ key: String) -> String {
    var result = "\""
    for character in key {
      if character == "\"" || character == "\\" { result.append("\\") }
      result.append(character)
    }
    return result + "\""
  }
}
