import Patterns

extension PatternSuggestion {
  /// The name endings of the files SQLite makes next to a database.
  static let companionSuffixes: [[UInt8]] = ["-journal", "-wal", "-shm"].map { Array($0.utf8) }

  /// Whether `path`'s name ends like a file SQLite makes next to a database (`-journal`, `-wal`, `-shm`).
  public static func isSQLiteCompanion(_ path: RelativePath) -> Bool {
    guard let name = path.components.last else { return false }
    return companionSuffixes.contains {
      name.count > $0.count && name.suffix($0.count).elementsEqual($0)
    }
  }

  /// The anchored gitignore pattern that selects exactly `path` (a directory pattern ends in `/`).
  ///
  /// Glob characters, backslashes and `!` are escaped, and a trailing space of a file pattern (git trims it);
  /// the leading `/` keeps a leading `#` or `!` literal. Bytes that cannot be in a single-line TOML string (a
  /// line feed, a carriage return, each byte of invalid UTF-8) become `?`, which matches one byte but never `/`.
  static func patternText(_ path: RelativePath, isDirectory: Bool) -> String {
    var text = "/"
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = path.bytes.makeIterator()
    parsing: while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        let scalar = Unicode.UTF8.decode(encoded)
        switch scalar {
        case "\n", "\r":
          text += "?"
        case "*", "?", "[", "]", "\\", "!":
          text += "\\"
          text.unicodeScalars.append(scalar)
        default:
          text.unicodeScalars.append(scalar)
        }
      case .error(let length):
        text += String(repeating: "?", count: length)
      case .emptyInput:
        break parsing
      }
    }
    if isDirectory {
      text += "/"
    } else if text.unicodeScalars.last == " " {
      text.unicodeScalars.removeLast()
      text += "\\ "
    }
    return text
  }

  /// The paths as notes show them: escaped as in messages (`DisplayPath`), `.` for the app root, sorted by byte
  /// order.
  static func display(_ paths: Set<RelativePath>) -> [String] {
    sortedByBytes(
      Set(
        paths.map { $0.isAppDirectory ? "." : DisplayPath.relative($0.bytes, isDirectory: false) }))
  }

  /// `texts` without duplicates, sorted by their UTF-8 bytes.
  static func sortedByBytes<Texts: Sequence<String>>(_ texts: Texts) -> [String] {
    Set(texts).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }
}
