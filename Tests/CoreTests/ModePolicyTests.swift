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

  static let rows: [Row] = [
    // Selected directories and files: the owner's bits for the group.
    Row(kind: .directory, before: 0o755, selected: true, after: 0o775, reasons: .granted),
    Row(kind: .directory, before: 0o700, selected: true, after: 0o770, reasons: .granted),
    Row(kind: .directory, before: 0o500, selected: true, after: 0o550, reasons: .granted),
    Row(kind: .directory, before: 0o775, selected: true, after: 0o775),
    Row(kind: .directory, before: 0o1755, selected: true, after: 0o1775, reasons: .granted),
    Row(kind: .directory, before: 0o755, selected: true, policy: setgid, after: 0o2775, reasons: .granted),
    Row(kind: .directory, before: 0o2775, selected: true, policy: setgid, after: 0o2775),
    Row(kind: .regular, before: 0o644, selected: true, after: 0o664, reasons: .granted),
    Row(kind: .regular, before: 0o600, selected: true, after: 0o660, reasons: .granted),
    Row(kind: .regular, before: 0o755, selected: true, after: 0o775, reasons: .granted),
    Row(kind: .regular, before: 0o700, selected: true, after: 0o760, reasons: .granted),
    Row(kind: .regular, before: 0o444, selected: true, after: 0o444),
    Row(kind: .regular, before: 0o604, selected: true, after: 0o664, reasons: .granted),
    Row(kind: .regular, before: 0o646, selected: true, after: 0o664, reasons: [.granted, .worldWriteRemoved]),
    // World write goes, unless kept; a selected entry that had the group bits only loses o+w.
    Row(kind: .regular, before: 0o666, selected: true, after: 0o664, reasons: .worldWriteRemoved),
    Row(kind: .regular, before: 0o666, selected: true, policy: keep, after: 0o666),
    Row(kind: .directory, before: 0o777, selected: false, root: true, after: 0o755, reasons: [.worldWriteRemoved, .groupWriteRemoved]),
    Row(kind: .directory, before: 0o2777, selected: false, root: true, after: 0o2755, reasons: [.worldWriteRemoved, .groupWriteRemoved]),
    Row(kind: .directory, before: 0o775, selected: false, root: true, after: 0o755, reasons: .groupWriteRemoved),
    Row(kind: .directory, before: 0o777, selected: false, root: true, policy: keep, after: 0o777),
    Row(kind: .directory, before: 0o2777, selected: true, root: true, after: 0o2775, reasons: .worldWriteRemoved),
    Row(kind: .directory, before: 0o1777, selected: false, after: 0o1775, reasons: .worldWriteRemoved),
    Row(kind: .directory, before: 0o777, selected: false, policy: keep, after: 0o777),
    Row(kind: .regular, before: 0o777, selected: false, after: 0o775, reasons: .worldWriteRemoved),
    Row(kind: .fifo, before: 0o666, selected: false, after: 0o664, reasons: .worldWriteRemoved),
    Row(kind: .fifo, before: 0o666, selected: true, after: 0o664, reasons: .worldWriteRemoved, skip: .specialFile(.fifo)),
    // The exclusive selection: group write goes outside it.
    Row(kind: .regular, before: 0o664, selected: false, after: 0o664),
    Row(kind: .regular, before: 0o664, selected: false, policy: exclusive, after: 0o644, reasons: .groupWriteRemoved),
    Row(kind: .regular, before: 0o777, selected: false, policy: exclusive, after: 0o755, reasons: [.groupWriteRemoved, .worldWriteRemoved]),
    Row(kind: .directory, before: 0o775, selected: false, root: true, policy: exclusive, after: 0o755, reasons: .groupWriteRemoved),
    Row(kind: .regular, before: 0o664, selected: true, policy: exclusive, after: 0o664),
    // Ancestors get group search, the app directory does not.
    Row(kind: .directory, before: 0o700, selected: false, marks: .leadsToSelection, after: 0o710, reasons: .ancestorSearch),
    Row(kind: .directory, before: 0o750, selected: false, marks: .leadsToSelection, after: 0o750),
    Row(kind: .directory, before: 0o700, selected: false, root: true, marks: .leadsToSelection, after: 0o700),
    Row(kind: .directory, before: 0o775, selected: false, marks: .leadsToSelection, policy: exclusive, after: 0o755, reasons: .groupWriteRemoved),
    // The directory of a selected SQLite database: group-writable and sticky.
    Row(kind: .directory, before: 0o755, selected: false, marks: .holdsDatabase, after: 0o1775, reasons: .databaseDirectory),
    Row(kind: .directory, before: 0o777, selected: false, root: true, marks: [.holdsDatabase, .leadsToSelection], after: 0o1775, reasons: [.databaseDirectory, .worldWriteRemoved]),
    Row(kind: .directory, before: 0o755, selected: false, marks: .holdsDatabase, policy: exclusive, after: 0o1775, reasons: .databaseDirectory),
    Row(kind: .directory, before: 0o755, selected: false, marks: [.holdsDatabase, .leadsToSelection], policy: noDatabases, after: 0o755),
    // Never changed: symlinks, setuid/setgid files, files with several links.
    Row(kind: .symbolicLink, before: 0o777, selected: true, after: 0o777, skip: .symbolicLink),
    Row(kind: .symbolicLink, before: 0o777, selected: false, after: 0o777),
    Row(kind: .regular, before: 0o4755, selected: true, after: 0o4755, skip: .setID(permissions: 0o4755)),
    Row(kind: .regular, before: 0o6777, selected: false, after: 0o6777),
    Row(kind: .regular, before: 0o644, selected: true, links: 2, after: 0o644, skip: .hardLinked(linkCount: 2)),
    Row(kind: .regular, before: 0o666, selected: false, links: 3, after: 0o666),
  ]

  @Test(arguments: rows)
  func decides(row: Row) {
    let decision = row.policy.decide(
      PolicyEntry(
        kind: row.kind, permissions: row.before, linkCount: row.links, isSelected: row.selected,
        isAppRoot: row.root, marks: row.marks))
    #expect(decision.permissions == row.after)
    #expect(decision.reasons == row.reasons)
    #expect(decision.skip == row.skip)
    #expect(decision.changes == (row.after != row.before))
  }

  @Test func neverAddsWorldWriteAndRemovesItUnlessKept() {
    for mode in UInt32(0)...0o7777 {
      for kind in [FileKind.directory, .regular] {
        for selected in [false, true] {
          let entry = PolicyEntry(kind: kind, permissions: mode, isSelected: selected, marks: .leadsToSelection)
          let removed = ModePolicy(setsGroupIDOnDirectories: true).decide(entry)
          let kept = ModePolicy(setsGroupIDOnDirectories: true, keepsWorldWrite: true).decide(entry)
          let neverChanged = kind == .regular && mode & 0o6000 != 0
          #expect(removed.permissions & 0o002 == 0 || neverChanged)
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
    let closed = ModePolicy().decide(PolicyEntry(kind: .directory, permissions: 0o755, isSelected: true))
    #expect(!closed.hasRequiredBits)
    let database = ModePolicy().decide(
      PolicyEntry(kind: .directory, permissions: 0o2777, isSelected: false, marks: .holdsDatabase))
    #expect(database.permissions == 0o3775 && database.hasRequiredBits)
  }

  @Test func changesUnselectedEntriesUnlessWorldWriteIsKeptAndTheSelectionIsNotExclusive() {
    #expect(ModePolicy().changesUnselectedEntries)
    #expect(!ModePolicy(keepsWorldWrite: true).changesUnselectedEntries)
    #expect(ModePolicy(keepsWorldWrite: true, removesGroupWriteOutside: true).changesUnselectedEntries)
  }
}
