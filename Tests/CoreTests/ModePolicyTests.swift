import Core
import FileSystem
import Testing

@Suite struct ModePolicyTests {
  /// One row: an entry, the policy's settings, and the bits and reasons it should end with.
  struct Row: CustomTestStringConvertible, Sendable {
    var kind: FileKind
    var before: UInt32
    var selected: Bool
    var root = false
    var marks: DirectoryMarks = []
    var links: UInt64 = 1
    var access = ExtendedAccess.none
    var policy = ModePolicy()
    var after: UInt32
    var reasons: ChangeReasons = []
    var skip: SkipReason?
    var testDescription: String {
      "\(kind) \(String(before, radix: 8))\(selected ? " selected" : "")\(root ? " root" : "") -> \(String(after, radix: 8))"
    }
  }

  static let keep = ModePolicy(keepsWorldWrite: true)
  static let exclusive = ModePolicy(removesGroupWriteOutside: true)
  static let setgid = ModePolicy(setsGroupIDOnDirectories: true)
  static let noDatabases = ModePolicy(opensDatabaseDirectories: false)
  static let acl = ExtendedAccess(hasAccessACL: true)
  static let aclNamedWrite = ExtendedAccess(hasAccessACL: true, namedWrite: true)
  static let capabilities = ExtendedAccess(hasCapabilities: true)

  static let rows: [Row] = [
    // Selected directories and files: the owner's bits for the group.
    Row(kind: .directory, before: 0o755, selected: true, after: 0o775, reasons: .granted),
    Row(kind: .directory, before: 0o700, selected: true, after: 0o770, reasons: .granted),
    Row(kind: .directory, before: 0o500, selected: true, after: 0o550, reasons: .granted),
    Row(kind: .directory, before: 0o775, selected: true, after: 0o775),
    Row(kind: .directory, before: 0o1755, selected: true, after: 0o1775, reasons: .granted),
    Row(
      kind: .directory, before: 0o755, selected: true, policy: setgid, after: 0o2775,
      reasons: .granted),
    Row(kind: .directory, before: 0o2775, selected: true, policy: setgid, after: 0o2775),
    Row(kind: .regular, before: 0o644, selected: true, after: 0o664, reasons: .granted),
    Row(kind: .regular, before: 0o600, selected: true, after: 0o660, reasons: .granted),
    Row(kind: .regular, before: 0o755, selected: true, after: 0o775, reasons: .granted),
    Row(kind: .regular, before: 0o700, selected: true, after: 0o760, reasons: .granted),
    Row(kind: .regular, before: 0o444, selected: true, after: 0o444),
    Row(kind: .regular, before: 0o604, selected: true, after: 0o664, reasons: .granted),
    Row(
      kind: .regular, before: 0o646, selected: true, after: 0o664,
      reasons: [.granted, .worldWriteRemoved]),
    // World write goes, unless kept; a selected entry that had the group bits only loses o+w.
    Row(kind: .regular, before: 0o666, selected: true, after: 0o664, reasons: .worldWriteRemoved),
    Row(kind: .regular, before: 0o666, selected: true, policy: keep, after: 0o666),
    Row(
      kind: .directory, before: 0o777, selected: false, root: true, after: 0o755,
      reasons: [.worldWriteRemoved, .groupWriteRemoved]),
    Row(
      kind: .directory, before: 0o2777, selected: false, root: true, after: 0o2755,
      reasons: [.worldWriteRemoved, .groupWriteRemoved]),
    Row(
      kind: .directory, before: 0o775, selected: false, root: true, after: 0o755,
      reasons: .groupWriteRemoved),
    Row(kind: .directory, before: 0o777, selected: false, root: true, policy: keep, after: 0o777),
    Row(
      kind: .directory, before: 0o2777, selected: true, root: true, after: 0o2775,
      reasons: .worldWriteRemoved),
    Row(
      kind: .directory, before: 0o1777, selected: false, after: 0o1775, reasons: .worldWriteRemoved),
    Row(kind: .directory, before: 0o777, selected: false, policy: keep, after: 0o777),
    Row(kind: .regular, before: 0o777, selected: false, after: 0o775, reasons: .worldWriteRemoved),
    Row(kind: .fifo, before: 0o666, selected: false, after: 0o664, reasons: .worldWriteRemoved),
    Row(
      kind: .fifo, before: 0o666, selected: true, after: 0o664, reasons: .worldWriteRemoved,
      skip: .specialFile(.fifo)),
    // The exclusive selection: group write goes outside it.
    Row(kind: .regular, before: 0o664, selected: false, after: 0o664),
    Row(
      kind: .regular, before: 0o664, selected: false, policy: exclusive, after: 0o644,
      reasons: .groupWriteRemoved),
    Row(
      kind: .regular, before: 0o777, selected: false, policy: exclusive, after: 0o755,
      reasons: [.groupWriteRemoved, .worldWriteRemoved]),
    Row(
      kind: .directory, before: 0o775, selected: false, root: true, policy: exclusive, after: 0o755,
      reasons: .groupWriteRemoved),
    Row(kind: .regular, before: 0o664, selected: true, policy: exclusive, after: 0o664),
    // Ancestors get group search, the app directory does not.
    Row(
      kind: .directory, before: 0o700, selected: false, marks: .leadsToSelection, after: 0o710,
      reasons: .ancestorSearch),
    Row(kind: .directory, before: 0o750, selected: false, marks: .leadsToSelection, after: 0o750),
    Row(
      kind: .directory, before: 0o700, selected: false, root: true, marks: .leadsToSelection,
      after: 0o700),
    Row(
      kind: .directory, before: 0o775, selected: false, marks: .leadsToSelection, policy: exclusive,
      after: 0o755, reasons: .groupWriteRemoved),
    // The directory of a selected SQLite database: group-writable and sticky.
    Row(
      kind: .directory, before: 0o755, selected: false, marks: .holdsDatabase, after: 0o1775,
      reasons: .databaseDirectory),
    Row(
      kind: .directory, before: 0o777, selected: false, root: true,
      marks: [.holdsDatabase, .leadsToSelection], after: 0o1775,
      reasons: [.databaseDirectory, .worldWriteRemoved]),
    Row(
      kind: .directory, before: 0o755, selected: false, marks: .holdsDatabase, policy: exclusive,
      after: 0o1775, reasons: .databaseDirectory),
    Row(
      kind: .directory, before: 0o755, selected: false, marks: [.holdsDatabase, .leadsToSelection],
      policy: noDatabases, after: 0o755),
    // Symlinks are never changed; setuid/setgid and capability files never group-writable; files with several
    // links not granted; all of them lose world write.
    Row(kind: .symbolicLink, before: 0o777, selected: true, after: 0o777, skip: .symbolicLink),
    Row(kind: .symbolicLink, before: 0o777, selected: false, after: 0o777),
    Row(
      kind: .regular, before: 0o4755, selected: true, after: 0o4755,
      skip: .setID(permissions: 0o4755)),
    Row(
      kind: .regular, before: 0o4775, selected: true, after: 0o4755,
      reasons: .protectedWriteRemoved, skip: .setID(permissions: 0o4775)),
    Row(
      kind: .regular, before: 0o6777, selected: false, after: 0o6755,
      reasons: [.protectedWriteRemoved, .worldWriteRemoved]),
    Row(
      kind: .regular, before: 0o6777, selected: false, policy: keep, after: 0o6757,
      reasons: .protectedWriteRemoved),
    Row(
      kind: .regular, before: 0o755, selected: true, access: capabilities, after: 0o755,
      skip: .capabilities),
    Row(
      kind: .regular, before: 0o777, selected: false, access: capabilities, after: 0o755,
      reasons: [.protectedWriteRemoved, .worldWriteRemoved]),
    Row(
      kind: .regular, before: 0o644, selected: true, links: 2, after: 0o644,
      skip: .hardLinked(linkCount: 2)),
    Row(
      kind: .regular, before: 0o666, selected: false, links: 3, after: 0o664,
      reasons: .worldWriteRemoved),
    Row(kind: .regular, before: 0o666, selected: false, links: 3, policy: keep, after: 0o666),
    Row(
      kind: .regular, before: 0o664, selected: false, links: 2, policy: exclusive, after: 0o644,
      reasons: .groupWriteRemoved),
    // An access ACL: never granted; the mask's write goes where the ACL names someone with write.
    Row(
      kind: .regular, before: 0o644, selected: true, access: acl, after: 0o644,
      skip: .accessControlList),
    Row(
      kind: .directory, before: 0o755, selected: true, access: acl, after: 0o755,
      skip: .accessControlList),
    Row(kind: .regular, before: 0o664, selected: false, access: acl, after: 0o664),
    Row(
      kind: .regular, before: 0o664, selected: true, access: aclNamedWrite, after: 0o644,
      reasons: .aclWriteRemoved, skip: .accessControlList),
    Row(
      kind: .regular, before: 0o666, selected: false, access: aclNamedWrite, after: 0o644,
      reasons: [.aclWriteRemoved, .worldWriteRemoved]),
    Row(
      kind: .regular, before: 0o664, selected: false, access: aclNamedWrite, policy: keep,
      after: 0o664),
    Row(
      kind: .directory, before: 0o775, selected: false, marks: .leadsToSelection,
      access: aclNamedWrite, after: 0o755, reasons: .aclWriteRemoved),
    Row(
      kind: .directory, before: 0o700, selected: true, access: aclNamedWrite, after: 0o700,
      skip: .accessControlList),
  ]

  @Test(arguments: rows)
  func decides(row: Row) {
    let decision = row.policy.decide(
      PolicyEntry(
        kind: row.kind, permissions: row.before, linkCount: row.links, isSelected: row.selected,
        isAppRoot: row.root, marks: row.marks, access: row.access))
    #expect(decision.permissions == row.after)
    #expect(decision.reasons == row.reasons)
    #expect(decision.skip == row.skip)
    #expect(decision.changes == (row.after != row.before))
  }

  /// A directory is held closed while walked where its entries likely lose a write: world write unless kept,
  /// group write only in the exclusive selection.
  @Test(arguments: [
    (0o777 as UInt32, ModePolicy(), true),
    (0o757, ModePolicy(), true),
    (0o1777, ModePolicy(), true),
    (0o775, ModePolicy(), false),
    (0o755, ModePolicy(), false),
    (0o775, ModePolicy(removesGroupWriteOutside: true), true),
    (0o755, ModePolicy(removesGroupWriteOutside: true), false),
    (0o777, ModePolicy(keepsWorldWrite: true), false),
    (0o777, ModePolicy(keepsWorldWrite: true, removesGroupWriteOutside: true), true),
  ])
  func holdsADirectoryWhoseEntriesLikelyLoseAWrite(
    permissions: UInt32, policy: ModePolicy, holds: Bool
  ) {
    #expect(policy.holdsDirectory(arrivedWith: permissions) == holds)
  }

  @Test func neverAddsWorldWriteAndRemovesItUnlessKept() {
    for mode in UInt32(0)...0o7777 {
      for kind in [FileKind.directory, .regular] {
        for selected in [false, true] {
          let entry = PolicyEntry(
            kind: kind, permissions: mode, isSelected: selected, marks: .leadsToSelection)
          let removed = ModePolicy(setsGroupIDOnDirectories: true).decide(entry)
          let kept = ModePolicy(setsGroupIDOnDirectories: true, keepsWorldWrite: true).decide(entry)
          #expect(removed.permissions & 0o002 == 0)
          #expect(kept.permissions & 0o007 == mode & 0o007)
          #expect(removed.permissions & 0o700 == mode & 0o700)
        }
      }
    }
  }

  @Test func requiredBitsAreWhatTheSelectionNeedsNotTheHygiene() {
    let kpackRoot = ModePolicy().decide(
      PolicyEntry(kind: .directory, permissions: 0o2777, isSelected: true, isAppRoot: true))
    #expect(kpackRoot.changes && kpackRoot.hasRequiredBits)
    let closed = ModePolicy().decide(
      PolicyEntry(kind: .directory, permissions: 0o755, isSelected: true))
    #expect(!closed.hasRequiredBits)
    let database = ModePolicy().decide(
      PolicyEntry(kind: .directory, permissions: 0o2777, isSelected: false, marks: .holdsDatabase))
    #expect(database.permissions == 0o3775 && database.hasRequiredBits)
  }

  @Test func neverLeavesASetIDOrCapabilityFileGroupWritable() {
    for mode in UInt32(0)...0o7777 {
      for access in [ExtendedAccess.none, Self.capabilities]
      where mode & 0o6000 != 0 || access.hasCapabilities {
        for policy in [ModePolicy(), Self.keep, Self.exclusive] {
          for selected in [false, true] {
            let decision = policy.decide(
              PolicyEntry(kind: .regular, permissions: mode, isSelected: selected, access: access))
            #expect(decision.permissions & 0o020 == 0)
            #expect(decision.permissions & ~0o022 == mode & ~0o022)
          }
        }
      }
    }
  }

  /// Extended attributes are read only for a directory or file that is, or would become, group-writable.
  @Test(arguments: [
    (FileKind.regular, UInt32(0o644), false, false), (.regular, 0o644, true, true),
    (.regular, 0o664, false, true),
    (.regular, 0o666, false, true), (.regular, 0o646, false, false),
    (.directory, 0o755, false, false),
    (.directory, 0o755, true, true), (.directory, 0o775, false, true),
    (.symbolicLink, 0o777, true, false),
    (.fifo, 0o666, true, false), (.regular, 0o444, true, false),
  ])
  func readsExtendedAccessOnlyWhereTheGroupCanWrite(
    kind: FileKind, mode: UInt32, selected: Bool, reads: Bool
  ) {
    let decision = ModePolicy().decide(
      PolicyEntry(kind: kind, permissions: mode, isSelected: selected))
    #expect(ModePolicy.needsExtendedAccess(kind: kind, decision: decision) == reads)
  }

  @Test func changesUnselectedEntriesUnlessWorldWriteIsKeptAndTheSelectionIsNotExclusive() {
    #expect(ModePolicy().changesUnselectedEntries)
    #expect(!ModePolicy(keepsWorldWrite: true).changesUnselectedEntries)
    #expect(
      ModePolicy(keepsWorldWrite: true, removesGroupWriteOutside: true).changesUnselectedEntries)
  }
}
