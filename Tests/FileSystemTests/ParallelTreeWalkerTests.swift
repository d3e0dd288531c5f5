import FileSystem
import Foundation
import Patterns
import TestSupport
import Testing

/// A walk shared with helper threads must do and report exactly what the walk on one thread does.
@Suite struct ParallelTreeWalkerTests {
  /// What a walk handed over, in a form that does not depend on which thread did what.
  struct Outcome: Equatable {
    var visited: [String]
    var left: [String]
    var noticed: [String]
    var summary: WalkSummary
  }

  /// A tree of a few thousand entries from `seed`: nested directories (some 0700), files of several modes, hard
  /// links, symlinks to inside and outside, and FIFOs.
  func generatedTree(seed: UInt64) throws -> TemporaryTree {
    let tree = try TemporaryTree()
    var random = seed
    func next(_ bound: Int) -> Int {
      random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((random >> 33) % UInt64(bound))
    }
    let names = [
      "node_modules", "tmp", "cache", "lib", "src", "log", "keep", "build", "@scope", "pkg",
    ]
    let extensions = [".js", ".log", ".rb", "", ".sqlite3"]
    // Plain system calls and one expectation at the end: both FileManager and `#expect` per entry are slow.
    var failedCalls = 0
    func check(_ result: Int32) { if result < 0 { failedCalls += 1 } }
    func makeDirectory(_ relative: String, mode: mode_t) {
      check(mkdir(tree.path(relative), 0o700))
      check(chmod(tree.path(relative), mode))
    }
    func makeFile(_ relative: String, mode: mode_t) {
      let descriptor = open(tree.path(relative), O_CREAT | O_WRONLY | O_EXCL, 0o600)
      check(descriptor)
      close(descriptor)
      check(chmod(tree.path(relative), mode))
    }
    func fill(_ directory: String, depth: Int) throws {
      for index in 0..<(2 + next(depth == 0 ? 8 : 12)) {
        let name = "\(names[next(names.count)])\(index)"
        let relative = directory.isEmpty ? name : "\(directory)/\(name)"
        switch next(20) {
        case 0..<7 where depth < 4:
          makeDirectory(relative, mode: next(5) == 0 ? 0o700 : 0o755)
          try fill(relative, depth: depth + 1)
        case 6:
          check(
            symlink(
              next(2) == 0 ? "../\(names[next(names.count)])" : "/etc/passwd", tree.path(relative)))
        case 7 where next(4) == 0:
          check(mkfifo(tree.path(relative), 0o644))
        case 8 where next(3) == 0:
          makeFile(relative, mode: 0o4755)
        default:
          let file = relative + extensions[next(extensions.count)]
          makeFile(file, mode: [0o644, 0o600, 0o755, 0o664][next(4)])
          if next(30) == 0 { check(link(tree.path(file), tree.path(file + ".link"))) }
        }
      }
    }
    for top in names.prefix(6) {
      makeDirectory(top, mode: 0o755)
      try fill(top, depth: 1)
    }
    #expect(failedCalls == 0)
    return tree
  }

  func walk(
    _ tree: TemporaryTree, _ patterns: String, helpers: Int, options: WalkOptions = WalkOptions()
  ) throws -> Outcome {
    try walkSharing(tree, patterns, helpers: helpers, options: options).outcome
  }

  /// The walk's records from every thread, merged, and whether a helper visited anything; with
  /// `waitsForHelpers`, the main thread yields until one has (see `HelperStart`).
  func walkSharing(
    _ tree: TemporaryTree, _ patterns: String, helpers: Int, options: WalkOptions = WalkOptions(),
    waitsForHelpers: Bool = false, holds: Bool = false
  ) throws -> (outcome: Outcome, helpersVisited: Bool) {
    let set = PatternSet(PatternParser.parse(Array(patterns.utf8), source: "test"))
    let start = HelperStart()
    let handler = RecordingHandler()
    if waitsForHelpers { handler.yieldsUntil = start }
    let helperHandlers = (0..<helpers).map { _ in RecordingHandler() }
    for helper in helperHandlers { helper.raises = start }
    for recording in [handler] + helperHandlers { recording.holds = holds }
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    let walker = TreeWalker(
      patterns: set, options: options, handler: handler, helperHandlers: helperHandlers)
    var summary = walker.walk(root: app.descriptor)
    #expect(summary.threads == helpers + 1)
    summary.elapsedSeconds = 0
    summary.threads = 1
    let all = [handler] + helperHandlers
    let outcome = Outcome(
      visited: all.flatMap(\.visited).sorted(), left: all.flatMap(\.left).sorted(),
      noticed: all.flatMap(\.noticed).sorted(), summary: summary)
    return (outcome, start.isRaised)
  }

  static let cases: [(patterns: String, options: WalkOptions)] = [
    ("node_modules*/\n", WalkOptions()),
    ("*.log\ncache*/\n!keep*\n/tmp*/\n", WalkOptions()),
    ("/lib*/\nsrc*/**/build*/\n*.sqlite3\n", WalkOptions(visitsEveryEntry: true)),
    ("", WalkOptions(selectsEverything: true)),
    ("/tmp*/\n", WalkOptions(visitsEveryEntry: true, descriptorBudget: 2)),
  ]

  @Test(arguments: [1, 2, 3], 0..<cases.count)
  func sharesTheWorkAndHandsOverWhatOneThreadDoes(helpers: Int, caseIndex: Int) throws {
    let (patterns, options) = Self.cases[caseIndex]
    let tree = try generatedTree(seed: UInt64(caseIndex * 10 + helpers))
    let alone = try walk(tree, patterns, helpers: 0, options: options)
    #expect(alone.summary.selected > 0)
    var shared = try walk(tree, patterns, helpers: helpers, options: options)
    // Subtrees a helper takes over start with their own descriptors, so they are opened again less often.
    shared.summary.directoriesReopened = alone.summary.directoriesReopened
    #expect(shared == alone)
  }

  /// With only unanchored patterns every directory is still being matched: helpers take such subtrees too, and
  /// a directory whose subtrees another thread walks is left after them, with what they selected.
  @Test(arguments: [1, 2])
  func sharesSubtreesStillBeingMatchedAndLeavesTheirParentsAfterThem(helpers: Int) throws {
    let tree = try generatedTree(seed: 42)
    let patterns = "*.log\n!keep*\n*.sqlite3\n"
    let alone = try walk(tree, patterns, helpers: 0)
    var (shared, helpersVisited) = try walkSharing(
      tree, patterns, helpers: helpers, waitsForHelpers: true)
    #expect(helpersVisited)
    shared.summary.directoriesReopened = alone.summary.directoriesReopened
    #expect(shared == alone)
    #expect(alone.left.contains("./ leads"))
  }

  /// The bits a handler holds a directory at while the walk is inside it reach its entries (as their parent's
  /// status) and its leave, on whichever thread walks or leaves it, and after it was closed and opened again.
  @Test(arguments: [0, 1, 2], [nil, 2])
  func handsHeldBitsToTheEntriesAndTheLeave(helpers: Int, budget: Int?) throws {
    let tree = try generatedTree(seed: 7)
    let options = WalkOptions(visitsEveryEntry: true, descriptorBudget: budget)
    let alone = try walkSharing(tree, "*.log\n/tmp*/\n", helpers: 0, options: options, holds: true)
    let parents = alone.outcome.visited.filter { $0 != "./" }.map { $0.split(separator: " ").last }
    #expect(!parents.isEmpty && parents.allSatisfy { $0?.hasPrefix("1") == true })
    let held = alone.outcome.left.filter { !$0.contains(" unopened") }
    #expect(held.count > 10 && held.allSatisfy { $0.contains(" held 1") })
    guard helpers > 0 else { return }
    var shared = try walkSharing(
      tree, "*.log\n/tmp*/\n", helpers: helpers, options: options, holds: true
    ).outcome
    shared.summary.directoriesReopened = alone.outcome.summary.directoriesReopened
    #expect(shared == alone.outcome)
  }

  @Test func progressCountsEveryThreadAndGoesToTheMainHandlerOnly() throws {
    let tree = try generatedTree(seed: 7)
    try tree.directory("big")
    for index in 0..<3000 { try tree.file("big/d\(index % 30)/f\(index)") }
    let set = PatternSet(PatternParser.parse(Array("/big/\n".utf8), source: "test"))
    let handler = RecordingHandler()
    let helper = RecordingHandler()
    let app = try AppDirectory.open(tree.root)
    defer { app.descriptor.close() }
    let walker = TreeWalker(
      patterns: set, options: WalkOptions(progressDelay: 0, progressInterval: 0), handler: handler,
      helperHandlers: [helper])
    let summary = walker.walk(root: app.descriptor)
    #expect(helper.progress.isEmpty)
    #expect(!handler.progress.isEmpty)
    let scanned = handler.progress.map(\.scanned)
    #expect(scanned == scanned.sorted())
    #expect(scanned.allSatisfy { $0 <= summary.scanned })
  }
}
