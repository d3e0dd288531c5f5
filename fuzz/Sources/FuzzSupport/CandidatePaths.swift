import Patterns

/// Relative paths worth matching against a pattern list, derived from the list itself.
///
/// Every path obeys `PatternSet`'s preconditions and what a directory walk can produce: no
/// leading or trailing slash, single slashes between components, no empty, `.` or `..`
/// component and no NUL byte.
public enum CandidatePaths {
  /// Fixed paths that exercise depth, dots and common names whatever the patterns are.
  static let fixed: [[UInt8]] = [
    "a", "a/b", "a/b/c", "logs", "tmp/cache/x.log", ".env", "public/assets/app.css",
    "node_modules/pkg/index.js", "\u{E9}t\u{E9}/f\u{FC}r",
  ].map { Array($0.utf8) }

  /// The most paths derived from one pattern list, so one input stays fast.
  static let limit = 64

  /// Paths for `patterns`: the fixed ones, then for each pattern its body taken literally and
  /// with its glob characters replaced by plain ones, each also below a parent directory.
  public static func derived(from patterns: [Pattern]) -> [[UInt8]] {
    var paths = fixed
    for pattern in patterns {
      if paths.count >= limit { break }
      let literal = normalized(pattern.bytes)
      let plain = normalized(pattern.bytes.map(plainByte))
      for path in [literal, plain, prefixed(literal), prefixed(plain)]
      where !path.isEmpty && !paths.contains(path) {
        paths.append(path)
      }
    }
    return paths
  }

  /// `bytes` split at slashes, without empty, `.`, `..` components, a leading `!` or NUL bytes.
  static func normalized(_ bytes: [UInt8]) -> [UInt8] {
    let slash = UInt8(ascii: "/")
    var body = bytes.filter { $0 != 0 }[...]
    if body.first == UInt8(ascii: "!") { body = body.dropFirst() }
    let components = body.split(separator: slash).filter { component in
      !(component.elementsEqual([UInt8(ascii: ".")])
        || component.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]))
    }
    return Array(components.joined(separator: [slash]))
  }

  /// `path` below a directory `d`, so that basename patterns meet a parent.
  static func prefixed(_ path: [UInt8]) -> [UInt8] {
    path.isEmpty ? [] : Array("d/".utf8) + path
  }

  /// A byte that glob syntax treats as itself, standing for `byte`.
  static func plainByte(_ byte: UInt8) -> UInt8 {
    switch byte {
    case UInt8(ascii: "*"), UInt8(ascii: "?"): return UInt8(ascii: "x")
    case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\\"): return UInt8(ascii: "b")
    default: return byte
    }
  }
}
