import ChildProcessSupport
import Core
import FileSystem
import Patterns
import Testing

@Suite(.spawnedTOMLParser) struct ReportDiagnosticTests {
  func report(_ build: (inout Report) -> Void) -> Report {
    var report = Report()
    build(&report)
    return report
  }

  @Test func listsEntriesThatCannotBeChangedWithTheFix() {
    let report = report {
      $0.failures.add(EntryFailure(path: "log/", cause: .notOwned(owner: 0, buildUser: 1001)))
      $0.failures.add(EntryFailure(path: "tmp/cache/", cause: .cannotReadDirectory(errno: 13)))
    }
    #expect(
      report.failureDiagnostic(buildUser: 1001).map(DiagnosticRenderer.render) == """
        ! Cannot give the group write access to 2 paths
        !
        ! The build user cannot read or change these entries:
        ! - `log/`: owned by uid 0; the build user is uid 1001
        ! - `tmp/cache/`: cannot open the directory: EACCES (Permission denied)
        !
        ! How to fix it:
        ! - Make these paths owned by the build user (uid 1001) in the step that creates them (`chown -R 1001 PATH`), or create them in a later build step.
        ! - Make unreadable directories readable by the build user in the step that creates them (`chmod u+rx DIR`).
        ! - If the app does not need to write them, leave them out of the selection with a `!` pattern (or anchor the patterns, so the walk does not enter them).

        """)
  }

  @Test func saysHowManyFailuresWereLeftOut() {
    let report = report {
      $0.failures = Sample(
        elements: [EntryFailure(path: "a", cause: .notOwned(owner: 5, buildUser: 7))], total: 51,
        limit: 50)
    }
    let text = report.failureDiagnostic(buildUser: 7).map(DiagnosticRenderer.render) ?? ""
    #expect(text.contains("! - `a`: owned by uid 5; the build user is uid 7\n! - … and 50 more\n"))
  }

  @Test func noFailuresNoDiagnostic() {
    #expect(Report().failureDiagnostic(buildUser: 1) == nil)
  }

  @Test func warnsAboutSkippedEntriesAndTheRoot() {
    let report = report {
      $0.changes.hardLinkedFiles.add("tmp/shared")
      $0.changes.setIDFiles.add("tmp/tool")
      $0.changes.changedDuringWalk.add("tmp/gone")
      $0.changes.changedDuringWalk.add("tmp/swapped")
      $0.rootWithoutGroupSearch = 0o700
    }
    #expect(
      DiagnosticRenderer.render(report.warningDiagnostics(buildUser: 1001)) == """
        ! Warning: The app directory is not searchable by its group
        !
        ! The app directory has mode 700, without group search (`g+x`), so the run user cannot reach anything inside it. Only whole-app mode changes the app directory itself.
        !
        ! How to fix it:
        ! - Add group search in an earlier build step (`chmod g+x .`), or set `BP_GROUP_WRITABLE=true` with no patterns to make the whole app group-writable.

        ! Warning: 1 file with more than one hard link not changed
        !
        ! A file with several hard links may share its data with a file outside the app directory, so its mode is left as it is: `tmp/shared`.
        !
        ! How to fix it:
        ! - Replace the hard link with a copy (`cp --remove-destination SOURCE FILE`) if the file must be writable at run time.

        ! Warning: 1 file with the setuid or setgid bit not made group-writable
        !
        ! A writable setuid or setgid file would let the group change what runs with its owner's privileges: `tmp/tool`.
        !
        ! How to fix it:
        ! - Remove the bit (`chmod u-s,g-s FILE`) if the file must be writable, or exclude it with a `!` pattern.

        ! Warning: 2 entries changed during the walk
        !
        ! These vanished or changed while the app directory was being walked, and were left alone: `tmp/gone`, `tmp/swapped`.
        !
        ! How to fix it:
        ! - Make sure no other process writes to the app directory during the build.

        """)
  }

  @Test func unmatchedPatternsExcludeNegationsAndCreateDirectories() {
    let patterns = PatternParser.parse(
      Array("/tmp/\n!/keep/\n/used/\n".utf8), source: "project.toml paths")
    let create = PatternParser.parse(Array("/tmp/pids/\n".utf8), source: PatternCount.createSource)
    let counts = [
      PatternCount(index: 0, pattern: patterns[0], matches: 0, selected: 0),
      PatternCount(index: 1, pattern: patterns[1], matches: 0, selected: 0),
      PatternCount(index: 2, pattern: patterns[2], matches: 3, selected: 3),
      PatternCount(index: 3, pattern: create[0], matches: 0, selected: 0),
    ]
    #expect(counts.filter(\.isUnmatched).map(\.pattern) == ["/tmp/"])
  }

  @Test(arguments: [
    (["c", "a", "b"], ["a", "b"]),
    (["a", "b", "c"], ["a", "b"]),
    (["d", "c", "b", "a"], ["a", "b"]),
    (["b", "b", "a"], ["a", "b"]),
    (["b"], ["b"]),
  ])
  func samplesKeepTheSmallestPathsWhateverTheOrderAndCountTheRest(added: [String], kept: [String]) {
    var sample = SampledPaths(limit: 2)
    for path in added { sample.add(path) }
    #expect(sample.paths == kept)
    #expect(sample.total == added.count)
    #expect(sample.isTruncated == (added.count > 2))
  }

  @Test func sampleListTextNamesTheRest() {
    var sample = SampledPaths(limit: 2)
    for path in ["c", "a", "b"] { sample.add(path) }
    #expect(sample.listText == "`a`, `b` and 1 more")
  }

  @Test func mergedSamplesAreTheSmallestOfBoth() {
    var first = SampledPaths(limit: 3)
    var second = SampledPaths(limit: 3)
    for path in ["e", "a", "f", "g"] { first.add(path) }
    for path in ["d", "b", "h"] { second.add(path) }
    first.add(contentsOf: second)
    #expect(first.paths == ["a", "b", "d"])
    #expect(first.total == 7)
  }

  @Test func warnsAboutSelectedEntriesAPrivilegedRunDidNotTrust() {
    let report = report { $0.changes.reachedThroughOpenDirectory.add("cache.db") }
    #expect(
      DiagnosticRenderer.render(report.warningDiagnostics(buildUser: 0)) == """
        ! Warning: 1 selected entry not made group-writable: anyone could have put them there
        !
        ! This run may change any file (it runs as root), and these were found through a directory anyone could rename entries in (world-writable, without the sticky bit), so another user may have moved a different file to the selected name: `cache.db`. The run removed world write from those directories.
        !
        ! How to fix it:
        ! - Run it again: nobody else can move entries there now.
        ! - Or remove world write in the step that makes the directories (`chmod o-w DIR`).

        """)
  }
}
