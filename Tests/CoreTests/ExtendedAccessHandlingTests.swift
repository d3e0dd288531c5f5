import FileSystem
import Testing

@testable import Core

#if canImport(Glibc)
  import Glibc
#endif

/// How the applier and the audit treat ACLs and file capabilities, with a fake that answers for the attributes.
@Suite struct ExtendedAccessHandlingTests {
  @Test func readsTheAttributesOnlyOfWhatTheGroupCanOrWillWrite() {
    let changer = FakeChanger()
    let (applier, _) = testApplier(changer)
    withEntry("app.rb", kind: .regular, selection: .unselected, mode: 0o644) {
      _ = applier.visit(&$0)
    }
    withEntry("public", kind: .regular, selection: .unselected, mode: 0o646) {
      _ = applier.visit(&$0)
    }
    withEntry("log/a", kind: .regular, selection: .root(pattern: 0), mode: 0o644) {
      _ = applier.visit(&$0)
    }
    withEntry("shared", kind: .regular, selection: .unselected, mode: 0o664) {
      _ = applier.visit(&$0)
    }
    #expect(changer.accessReads == ["log/a", "shared"])
  }

  @Test func aSelectedFileWithAnACLNamingAWriterIsNotGrantedAndItsMaskLosesWrite() {
    let changer = FakeChanger()
    changer.access = .success(ExtendedAccess(hasAccessACL: true, namedWrite: true))
    let (applier, recorder) = testApplier(changer)
    withEntry("storage/file", kind: .regular, selection: .root(pattern: 0), mode: 0o664) {
      _ = applier.visit(&$0)
    }
    #expect(changer.changes == ["storage/file 664->644"])
    #expect(recorder.report.changes.aclEntries.paths == ["storage/file"])
    #expect(
      recorder.report.changes.aclWriteRemoved.elements == [
        ModeChange(path: "storage/file", from: 0o664, to: 0o644)
      ])
    #expect(recorder.report.counts.skipped == 1 && recorder.report.counts.filesChanged == 0)
  }

  @Test func anUnselectedEntryKeepsWriteThroughItsACLOnlyWhereTheBuildCannotOrMayNotRemoveIt() {
    let changer = FakeChanger()
    changer.access = .success(ExtendedAccess(hasAccessACL: true, namedWrite: true))
    let (removing, removed) = testApplier(changer)
    withEntry("config/app.yml", kind: .regular, selection: .unselected, mode: 0o664) {
      _ = removing.visit(&$0)
    }
    #expect(changer.changes == ["config/app.yml 664->644"])
    #expect(removed.report.changes.aclWriteKept.isEmpty)
    withEntry("config/root.yml", kind: .regular, selection: .unselected, mode: 0o664, owner: 0) {
      _ = removing.visit(&$0)
    }
    #expect(removed.report.changes.aclWriteKept.paths == ["config/root.yml"])
    let (keeping, kept) = testApplier(
      changer, policy: ModePolicy(keepsWorldWrite: true, removesGroupWriteOutside: true))
    withEntry("uploads", kind: .directory, selection: .root(pattern: 0), mode: 0o775) {
      keeping.leave(&$0)
    }
    #expect(kept.report.changes.aclEntries.paths == ["uploads/"])
    #expect(kept.report.changes.aclWriteKept.isEmpty)
    #expect(changer.changes == ["config/app.yml 664->644", "uploads 775->755"])
  }

  @Test func aCapabilityFileIsNeverGroupWritable() {
    let changer = FakeChanger()
    changer.access = .success(ExtendedAccess(hasCapabilities: true))
    let (applier, recorder) = testApplier(changer)
    withEntry("bin/tool", kind: .regular, selection: .root(pattern: 0), mode: 0o755) {
      _ = applier.visit(&$0)
    }
    withEntry("bin/other", kind: .regular, selection: .unselected, mode: 0o775) {
      _ = applier.visit(&$0)
    }
    #expect(changer.changes == ["bin/other 775->755"])
    #expect(recorder.report.changes.capabilityFiles.paths == ["bin/tool"])
    #expect(
      recorder.report.changes.protectedWriteRemoved.elements == [
        ModeChange(path: "bin/other", from: 0o775, to: 0o755)
      ])
  }

  @Test func aGroupWritableDirectoryWithADefaultACLIsReported() {
    let changer = FakeChanger()
    changer.access = .success(ExtendedAccess(hasDefaultACL: true))
    let (applier, recorder) = testApplier(changer)
    withEntry("uploads", kind: .directory, selection: .root(pattern: 0), mode: 0o755) {
      applier.leave(&$0)
    }
    #expect(changer.changes == ["uploads 755->775"])
    #expect(recorder.report.changes.defaultACLDirectories.paths == ["uploads/"])
  }

  @Test func attributesThatCannotBeReadFailASelectedEntryAndAreNotedForAnother() {
    let changer = FakeChanger()
    changer.access = .failure(.refused(.permissionDenied))
    let (applier, recorder) = testApplier(changer)
    withEntry("log/a", kind: .regular, selection: .root(pattern: 0), mode: 0o644) {
      _ = applier.visit(&$0)
    }
    withEntry("shared", kind: .regular, selection: .unselected, mode: 0o666) {
      _ = applier.visit(&$0)
    }
    #expect(changer.changes == ["shared 666->664"])
    #expect(
      recorder.report.failures.elements == [
        EntryFailure(path: "log/a", cause: .cannotReadAttributes(errno: EACCES))
      ])
    #expect(recorder.report.changes.attributesUnread.paths == ["shared"])
    changer.access = .failure(.replaced)
    withEntry("log/b", kind: .regular, selection: .root(pattern: 0), mode: 0o644) {
      _ = applier.visit(&$0)
    }
    #expect(recorder.report.changes.changedDuringWalk.paths == ["log/b"])
  }

  @Test func theAuditReportsWriteThroughAnACLAndCapabilityFilesOthersMayWrite() {
    let reader = FakeChanger()
    let inspector = AuditInspector(userID: 1001, reader: reader)
    reader.access = .success(
      ExtendedAccess(hasAccessACL: true, namedWrite: true, hasCapabilities: true))
    withEntry("a", kind: .regular, selection: .unselected, mode: 0o664) { _ = inspector.visit(&$0) }
    withEntry("b", kind: .regular, selection: .unselected, mode: 0o644) { _ = inspector.visit(&$0) }
    reader.access = .success(ExtendedAccess(hasDefaultACL: true))
    withEntry("d", kind: .directory, selection: .unselected, mode: 0o775) { inspector.leave(&$0) }
    reader.access = .failure(.refused(.permissionDenied))
    withEntry("e", kind: .regular, selection: .unselected, mode: 0o666) { _ = inspector.visit(&$0) }
    #expect(reader.accessReads == ["a", "d", "e"])
    let findings = inspector.findings
    #expect(findings.aclWritable.paths == ["a"])
    #expect(findings.writableCapabilityFiles.paths == ["a"])
    #expect(findings.defaultACLDirectories.paths == ["d/"])
    #expect(findings.unreadAttributes.paths == ["e"] && !findings.isComplete)
  }

  /// The ACL's binary layout: version 2, then (tag, permissions, id) records, little-endian.
  static func acl(_ records: [(UInt16, UInt16, UInt32)], version: UInt32 = 2) -> [UInt8] {
    var bytes = withUnsafeBytes(of: version.littleEndian, Array.init)
    for (tag, permissions, id) in records {
      bytes += withUnsafeBytes(of: tag.littleEndian, Array.init)
      bytes += withUnsafeBytes(of: permissions.littleEndian, Array.init)
      bytes += withUnsafeBytes(of: id.littleEndian, Array.init)
    }
    return bytes
  }

  static let base: [(UInt16, UInt16, UInt32)] = [
    (0x01, 6, 0), (0x04, 4, 0), (0x10, 6, 0), (0x20, 4, 0),
  ]

  @Test(arguments: [
    (acl(base), false),
    (acl(base + [(0x02, 6, 1003)]), true),
    (acl(base + [(0x02, 4, 1003)]), false),
    (acl(base + [(0x02, 6, 1001)]), false),
    (acl(base + [(0x08, 2, 2000)]), true),
    (acl(base + [(0x08, 6, 1000)]), false),
    (acl(base, version: 1), true),
    (Array(acl(base + [(0x02, 6, 1003)]).dropLast()), true),
    ([UInt8](), true),
  ])
  func anACLGrantsNamedWriteWhenAUserOrGroupBesideTheOwnersMayWrite(value: [UInt8], grants: Bool) {
    #expect(ExtendedAccess.aclGrantsNamedWrite(value, owner: 1001, group: 1000) == grants)
  }
}
