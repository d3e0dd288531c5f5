import FileSystem
import Testing

@testable import Core

#if canImport(Glibc)
  import Glibc
#endif

/// An owned directory that arrived writable by group or others is held closed from its visit to its leave (so its
/// entries can be changed by name), and the leave gives it the mode decided from how it arrived.
@Suite struct HeldDirectoryTests {
  func holdingChanger(failing failure: ModeChangeError? = nil) -> FakeChanger {
    let changer = FakeChanger(failing: failure)
    changer.holds = true
    return changer
  }

  @Test func anOpenDirectoryIsHeldAtItsVisitAndGetsItsDecidedModeAtItsLeave() {
    let changer = holdingChanger()
    let (applier, recorder) = testApplier(changer)
    withEntry("lib", kind: .directory, selection: .unselected, mode: 0o777, opened: true) {
      entry in
      _ = applier.visit(&entry)
      #expect(entry.heldPermissions == 0o755)
      applier.leave(&entry)
    }
    #expect(changer.changes == ["lib held 777->755", "lib 777->775"])
    #expect(recorder.report.counts.worldWriteRemoved == 1)
    #expect(recorder.report.counts.entriesChanged == 1)
  }

  @Test func aLeaveWhoseModeIsTheHeldOneChangesNothingMoreButCountsTheChange() {
    let changer = holdingChanger()
    let (applier, recorder) = testApplier(
      changer, policy: ModePolicy(removesGroupWriteOutside: true))
    withEntry("lib", kind: .directory, selection: .unselected, mode: 0o775, opened: true) {
      entry in
      _ = applier.visit(&entry)
      applier.leave(&entry)
    }
    #expect(changer.changes == ["lib held 775->755"])
    #expect(recorder.report.counts.groupWriteRemoved == 1)
    #expect(recorder.report.changes.groupWriteRemoved.elements.map(\.path) == ["lib/"])
  }

  @Test func aDirectoryTheDecisionLeavesAsItArrivedGetsItsModeBack() {
    let changer = holdingChanger()
    let (applier, recorder) = testApplier(
      changer, policy: ModePolicy(removesGroupWriteOutside: true))
    withEntry("tmp", kind: .directory, selection: .root(pattern: 0), mode: 0o775, opened: true) {
      entry in
      _ = applier.visit(&entry)
      applier.leave(&entry)
    }
    #expect(changer.changes == ["tmp held 775->755", "tmp 775->775"])
    #expect(recorder.report.counts.entriesChanged == 0)
    #expect(recorder.report.counts.alreadyWritable == 1)
  }

  @Test func aDirectoryWhoseGroupWriteStaysIsNotHeld() {
    let changer = holdingChanger()
    let (applier, recorder) = testApplier(changer)
    withEntry("lib", kind: .directory, selection: .unselected, mode: 0o775, opened: true) {
      entry in
      _ = applier.visit(&entry)
      #expect(entry.heldPermissions == nil)
      applier.leave(&entry)
    }
    #expect(changer.changes.isEmpty)
    #expect(recorder.report.changes.groupWritableOutside.paths == ["lib/"])
  }

  @Test func aSelectedDirectoryIsHeldUntilItsContentsAreDoneThenGranted() {
    let changer = holdingChanger()
    let (applier, recorder) = testApplier(changer)
    withEntry("tmp", kind: .directory, selection: .root(pattern: 0), mode: 0o757, opened: true) {
      entry in
      _ = applier.visit(&entry)
      applier.leave(&entry)
    }
    #expect(changer.changes == ["tmp held 757->755", "tmp 757->775"])
    #expect(recorder.report.counts.directoriesChanged == 1)
  }

  /// A change refused at the leave fails the directory once, and nothing is tried after it: the give-back of a
  /// selected directory whose group write `exclusive` keeps (`tmp`), or the decided mode of one that loses world
  /// write (`lib`).
  @Test(arguments: [
    ("tmp", EntrySelection.root(pattern: 0), UInt32(0o775), true, "tmp held 775->755"),
    ("lib", EntrySelection.unselected, UInt32(0o777), false, "lib held 777->755"),
  ])
  func aChangeRefusedAtTheLeaveFailsTheDirectoryOnce(
    name: String, selection: EntrySelection, mode: UInt32, exclusive: Bool, held: String
  ) {
    let changer = holdingChanger(failing: .refused(.readOnlyFileSystem))
    let (applier, recorder) = testApplier(
      changer, policy: ModePolicy(removesGroupWriteOutside: exclusive))
    withEntry(name, kind: .directory, selection: selection, mode: mode, opened: true) { entry in
      _ = applier.visit(&entry)
      applier.leave(&entry)
    }
    #expect(changer.changes == [held])
    #expect(
      recorder.report.failures.elements == [
        EntryFailure(
          path: name + "/", cause: .cannotChangeMode(errno: 30, owner: 1001, buildUser: 1001))
      ])
  }

  @Test func filesAndUnopenedDirectoriesAreNeverHeld() {
    let changer = holdingChanger()
    let (applier, _) = testApplier(changer)
    withEntry("lib", kind: .directory, selection: .unselected, mode: 0o777) { entry in
      _ = applier.visit(&entry)
      #expect(entry.heldPermissions == nil)
    }
    withEntry("a", kind: .regular, selection: .unselected, mode: 0o666) { entry in
      _ = applier.visit(&entry)
      #expect(entry.heldPermissions == nil)
    }
    #expect(changer.changes == ["a 666->664"])
  }
}
