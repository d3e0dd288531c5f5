import Testing

@testable import Core

/// Adding a path as bytes (the walk's cheap way, which skips making display paths a full sample would drop) keeps
/// exactly what adding its display path keeps, whatever the names and the order they come in.
@Suite struct SampleGateTests {
  static let names: [[UInt8]] = [
    Array("a".utf8), Array("b".utf8), Array("log".utf8), Array("log/app.log".utf8),
    Array("tmp/x y".utf8),
    Array("Z".utf8), Array("~end".utf8), Array("back\\slash".utf8), Array("caf\u{E9}".utf8),
    Array("cafe\u{301}".utf8), Array("cafe".utf8), Array("cafez".utf8),
    Array("\u{65E5}\u{672C}".utf8),
    [0x6E, 0x0A, 0x6C], [0x62, 0x61, 0x64, 0xFF], Array("tab\there".utf8), Array("a b".utf8),
    Array("a!".utf8), Array("a/".utf8.dropLast()), Array(" lead".utf8), Array("\u{2028}".utf8),
    Array("cafe\u{301}x".utf8), Array("cafd".utf8), Array("e\u{301}".utf8), Array("f".utf8),
    Array("d\\".utf8), Array("m\u{E9}".utf8),
    // Siblings and near-siblings: after one sorts after the largest kept path, the others start with the
    // bytes that decided it.
    Array("m/a".utf8), Array("m/b".utf8), Array("m/c/d".utf8), Array("m\u{301}".utf8),
    Array("mz".utf8),
    Array("m/\u{E9}".utf8), Array("m/\\x".utf8), Array("m/c\u{301}".utf8), Array("e/x".utf8),
    Array("e/\u{301}".utf8),
  ]

  static func shuffled(_ seed: UInt64) -> [([UInt8], Bool)] {
    var state = seed
    var entries = names.flatMap { [($0, false), ($0, true)] }
    for index in entries.indices.reversed() where index > 0 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      entries.swapAt(index, Int(state >> 33) % (index + 1))
    }
    return entries
  }

  @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
  func keepsWhatAddingDisplayPathsKeeps(seed: UInt64) {
    for limit in [1, 3, 7] {
      var cheap = SampledPaths(limit: limit)
      var plain = SampledPaths(limit: limit)
      var cheapChanges = Sample<ModeChange>(limit: limit)
      var plainChanges = Sample<ModeChange>(limit: limit)
      for (bytes, isDirectory) in Self.shuffled(seed) {
        bytes.withUnsafeBufferPointer { cheap.add(path: $0, isDirectory: isDirectory) }
        plain.add(DisplayPath.relative(bytes, isDirectory: isDirectory))
        let from = isDirectory ? 0o777 : 0o666
        bytes.withUnsafeBufferPointer {
          cheapChanges.add(path: $0, isDirectory: isDirectory, from: from, to: from & ~0o002)
        }
        plainChanges.add(
          ModeChange(
            path: DisplayPath.relative(bytes, isDirectory: isDirectory), from: from,
            to: from & ~0o002))
      }
      #expect(cheap == plain && cheap.total == Self.names.count * 2)
      #expect(cheapChanges == plainChanges)
    }
  }

  @Test(arguments: [
    ("log", false, "log", 0), ("log", true, "log/", 0), ("log", false, "log/", -1),
    ("logs", false, "log/", 1),
    ("a", false, "caf\u{E9}", -1), ("z", false, "caf\u{E9}", 1), ("cafe", false, "cafe\u{301}", -1),
    ("b", false, "a\\\\b", 1),
    // Decided before the first byte displayed otherwise, when that byte is not right after the difference.
    ("back\\slash", false, "m", -1), ("caf\u{E9}", false, "d", -1), ("xy\u{E9}", false, "a", 1),
  ])
  func ordersPlainPathsAsStringsDo(path: String, isDirectory: Bool, display: String, order: Int) {
    let bytes = Array(path.utf8)
    let found = bytes.withUnsafeBufferPointer {
      DisplayPath.decision(of: $0, isDirectory: isDirectory, against: display)?.order
    }
    #expect(found == order)
    let shown = DisplayPath.relative(bytes, isDirectory: isDirectory)
    #expect((shown < display ? -1 : shown == display ? 0 : 1) == order)
  }

  @Test(arguments: [
    ("z", false, "caf\u{E9}", 1, 1), ("logs", false, "log/", 1, 4), ("lot", false, "log/x", 1, 3),
    ("log/zz", false, "log", 1, 4), ("lo", false, "log", -1, 0), ("log", false, "log", 0, 0),
    // The directory's `/` decided: not the path's own bytes.
    ("log", true, "log", 1, 0), ("log", true, "log0", -1, 0),
  ])
  func namesTheBytesThatDecided(
    path: String, isDirectory: Bool, display: String, order: Int, decidingBytes: Int
  ) {
    let found = Array(path.utf8).withUnsafeBufferPointer {
      DisplayPath.decision(of: $0, isDirectory: isDirectory, against: display)
    }
    #expect(found == DisplayPath.Decision(order: order, decidingBytes: decidingBytes))
  }

  /// Paths that start with the bytes that put an earlier path after the largest kept one are only counted; a
  /// path where those bytes go on with one displayed otherwise is compared again.
  @Test func countsSiblingsOfAPathAfterTheLargest() {
    var cheap = SampledPaths(limit: 1)
    var plain = SampledPaths(limit: 1)
    for path in ["f", "g/a", "g/b", "g\u{301}", "e\u{301}", "g/c"] {
      Array(path.utf8).withUnsafeBufferPointer { cheap.add(path: $0, isDirectory: false) }
      plain.add(path)
    }
    #expect(plain.paths == ["f"] && plain.total == 6)
    #expect(cheap == plain)
  }

  /// A full sample whose largest kept path has a combining mark right after its first difference from a new path
  /// keeps what adding the display path keeps ("f" sorts before "e\u{301}").
  @Test func aKeptPathWithACombiningMarkDecidesAsStringsDo() {
    var cheap = SampledPaths(limit: 1)
    var plain = SampledPaths(limit: 1)
    for path in ["e\u{301}", "f"] {
      Array(path.utf8).withUnsafeBufferPointer { cheap.add(path: $0, isDirectory: false) }
      plain.add(path)
    }
    #expect(plain.paths == ["f"])
    #expect(cheap == plain)
  }

  @Test func cannotTellForPathsDisplayedOtherwise() {
    // Empty; displayed otherwise at the first difference, or right after it (where a combining mark would
    // change how the differing character sorts).
    let cases: [([UInt8], String)] = [
      ([], "m"), (Array("\\x".utf8), "m"), ([0x6D, 0x0A], "ma"), (Array("m\u{E9}".utf8), "mz"),
      (Array("e\u{301}".utf8), "f"), (Array("cafe\u{301}".utf8), "cafd"),
      // The same on the kept path's side: "f" sorts before "e\u{301}" (é), though its first byte is larger.
      (Array("f".utf8), "e\u{301}"), (Array("cafz".utf8), "cafe\u{301}"),
    ]
    for (bytes, display) in cases {
      #expect(
        bytes.withUnsafeBufferPointer {
          DisplayPath.decision(of: $0, isDirectory: false, against: display)
        } == nil)
    }
  }
}
