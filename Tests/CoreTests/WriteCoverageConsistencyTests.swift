import FileSystem
import Patterns
import Testing

@testable import Core

/// Where `WriteCoverage` and `PatternSuggestion` must agree: a pasted suggestion leaves nothing denied that its
/// notes do not name.
extension WriteCoverageTests {
  /// A `mkdir` that failed with `EEXIST` is no directory the app makes, to both: a name then made in it with
  /// `ENOENT` (through a dangling symbolic link, say) needs the build to make it.
  @Test func aDirectoryWhoseMkdirFoundItThereIsOneThingToBoth() throws {
    let writes = [
      Self.write("a/d", .makeDirectory, Self.eexist), Self.write("a/d/f", .create, Self.enoent),
    ]
    let suggestion = PatternSuggestion.suggest(writes)
    #expect(suggestion == PatternSuggestion(paths: [], create: ["a/d"], notes: []))
    let configuration = try Self.configuration(suggestion)
    #expect(WriteCoverage(configuration).denied(writes) == [])
    #expect(
      WriteCoverage(try Settings(patterns: ["/a/d/"]).configuration()).denied(writes) == [writes[1]]
    )
  }

  /// A name made in the root with `ENOENT` cannot mean the root is missing; `PatternSuggestion` treats it as any
  /// root entry (here, a selected database's journal), `WriteCoverage` as a write in a missing directory.
  @Test func aNameMadeInTheRootWithENOENTIsARootEntry() throws {
    let writes = [
      Self.write("app.db", .writeInPlace, sqlite: true),
      Self.write("app.db-journal", .create, Self.enoent),
    ]
    let suggestion = PatternSuggestion.suggest(writes)
    #expect(suggestion == PatternSuggestion(paths: ["/app.db"], create: [], notes: []))
    let configuration = try Self.configuration(suggestion)
    let wholeApp = try Settings(wholeApp: true).configuration()
    #expect(WriteCoverage(configuration).denied(writes) == [])
    #expect(WriteCoverage(wholeApp).denied([Self.write("server.pid", .create, Self.enoent)]) == [])
  }
}

extension WriteCoverageTests {
  /// A rename whose new name's directory is missing (the tracer drops the new name when only the old one was
  /// missing): the build must make the directory, to both.
  @Test func aRenameIntoAMissingDirectoryNeedsItMade() throws {
    let writes = [
      Self.write("tmp/a.tmp", .renameFrom, Self.enoent),
      Self.write("tmp/a", .renameTo, Self.enoent),
    ]
    let suggestion = PatternSuggestion.suggest(writes)
    #expect(suggestion == PatternSuggestion(paths: [], create: ["tmp"], notes: []))
    #expect(WriteCoverage(try Self.configuration(suggestion)).denied(writes) == [])
    #expect(
      WriteCoverage(try Settings(patterns: ["/tmp/"]).configuration()).denied(writes) == [writes[1]]
    )
  }
}

extension WriteCoverageTests {
  /// The configuration a user gets by pasting a suggestion: its `paths`, and its `create` entries.
  static func configuration(_ suggestion: PatternSuggestion) throws -> Configuration {
    var configuration = try Configuration.commandLine(
      options: suggestion.paths, file: nil, debug: false)
    #expect(configuration.patterns.count == suggestion.paths.count)
    configuration.create = try suggestion.create.map { try RelativePath($0) }
    return configuration
  }

  /// The writes a suggestion's notes say no pattern grants: names in the root, the root's own writes, and the
  /// mode, owner and explicit-times changes of entries the app did not make.
  static func named(by notes: [SuggestionNote], _ write: TracedWrite) -> Bool {
    let shown =
      write.path.isAppDirectory ? "." : DisplayPath.relative(write.path.bytes, isDirectory: false)
    for note in notes {
      switch note {
      case .appDirectoryEntries(let paths):
        let atRoot =
          write.action.changesDirectory
          ? write.path.parent?.isAppDirectory == true : write.path.isAppDirectory
        if atRoot && paths.contains(shown) { return true }
      case .needsOwner(let paths):
        if paths.contains(shown) { return true }
      case .readOnlyFileSystem:
        break
      }
    }
    return false
  }

  /// The key consistency check: a pasted suggestion leaves denied only what its notes name.
  @Test func aPastedSuggestionLeavesDeniedOnlyWhatItsNotesName() throws {
    var generator = CoverageGenerator(seed: 0x7472_6163_6521)
    var counterexamples: [String] = []
    for _ in 0..<3_000 {
      let writes = generator.writes()
      let suggestion = PatternSuggestion.suggest(writes)
      let configuration = try Self.configuration(suggestion)
      let denied = WriteCoverage(configuration).denied(writes).filter {
        !Self.named(by: suggestion.notes, $0)
      }
      if !denied.isEmpty {
        counterexamples.append(
          "\(writes.map(CoverageGenerator.describe)) -> paths \(suggestion.paths), create \(suggestion.create), "
            + "notes \(suggestion.notes): denied \(denied.map(CoverageGenerator.describe))")
      }
    }
    #expect(
      counterexamples.isEmpty,
      "\(counterexamples.count) counterexamples:\n\(counterexamples.prefix(20).joined(separator: "\n"))"
    )
  }
}
