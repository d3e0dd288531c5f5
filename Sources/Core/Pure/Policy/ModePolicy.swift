import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

/// How the build changes permission bits: pure, one rule per concern, combined so an entry changes at most once.
///
/// - Selected entries get the owner's bits mirrored to the group (`755` → `775` for directories, `644` → `664` for
///   files; never `x` for files), and setgid on directories when asked.
/// - Unselected directories above a selected entry get group search (`g+x`), the app directory excepted.
/// - The directory of a selected SQLite database gets the owner's bits mirrored to the group and the sticky bit, so
///   the group may create and remove its own journal files but not replace what the build made.
/// - With `removesGroupWriteOutside` (the exclusive selection), every other entry loses group write; the app
///   directory, whose mode the platform made, loses it unless selected (or world write is kept).
/// - Unless `keepsWorldWrite`, every entry loses world write (`o+w`), the sticky app directory of a platform too.
/// - Symlinks are never changed. Setuid/setgid files and files with capabilities are never made group-writable
///   and lose group write; files with several hard links are not granted; both lose world write like the rest.
/// - An entry with an extended access ACL is never granted; where the ACL names someone with write, the mask's
///   write (the group bits) goes unless world write is kept.
public struct ModePolicy: Sendable, Equatable {
  /// Whether writable directories also get the setgid bit, so new files inherit the directory's group.
  public var setsGroupIDOnDirectories: Bool
  /// Whether entries keep world write (`o+w`); by default it is removed everywhere.
  public var keepsWorldWrite: Bool
  /// Whether entries outside the selection lose group write (`exclusive`).
  public var removesGroupWriteOutside: Bool
  /// Whether the directories of selected SQLite databases become group-writable with the sticky bit.
  public var opensDatabaseDirectories: Bool

  /// Creates a policy; the defaults are the build's.
  public init(
    setsGroupIDOnDirectories: Bool = false, keepsWorldWrite: Bool = false,
    removesGroupWriteOutside: Bool = false, opensDatabaseDirectories: Bool = true
  ) {
    self.setsGroupIDOnDirectories = setsGroupIDOnDirectories
    self.keepsWorldWrite = keepsWorldWrite
    self.removesGroupWriteOutside = removesGroupWriteOutside
    self.opensDatabaseDirectories = opensDatabaseDirectories
  }

  /// Whether any unselected entry can change, so the walk must visit every entry.
  public var changesUnselectedEntries: Bool { !keepsWorldWrite || removesGroupWriteOutside }

  /// Whether a directory that arrived with `permissions` is worth holding closed while the walk is inside it
  /// (`PermissionApplier`): when group or others have a write this policy takes from entries, so its entries
  /// likely change too, and by name once it is held. Group write alone (umask 002 sources) stays where kept.
  public func holdsDirectory(arrivedWith permissions: mode_t) -> Bool {
    (permissions & S_IWOTH != 0 && !keepsWorldWrite)
      || (permissions & S_IWGRP != 0 && removesGroupWriteOutside)
  }

  /// What should happen to one entry.
  public func decide(_ entry: PolicyEntry) -> ModeDecision {
    let current = entry.permissions
    var decision = ModeDecision(current: current)
    switch entry.kind {
    case .symbolicLink:
      if entry.isSelected { decision.skip = .symbolicLink }
      return decision
    case .regular where current & (S_ISUID | S_ISGID) != 0 || entry.access.hasCapabilities:
      if entry.isSelected {
        decision.skip =
          current & (S_ISUID | S_ISGID) != 0 ? .setID(permissions: current) : .capabilities
      }
      decision.remove(S_IWGRP, because: .protectedWriteRemoved)
      removeWorldWrite(from: &decision)
      return decision
    case .regular where entry.linkCount > 1:
      if entry.isSelected { decision.skip = .hardLinked(linkCount: entry.linkCount) }
      if removesGroupWriteOutside { decision.remove(S_IWGRP, because: .groupWriteRemoved) }
      removeWorldWrite(from: &decision)
      return decision
    default:
      break
    }
    var isSelected = entry.isSelected
    if isSelected && entry.access.hasAccessACL
      && (entry.kind == .regular || entry.kind == .directory)
    {
      decision.skip = .accessControlList
      isSelected = false
    }
    if isSelected {
      grant(entry, to: &decision)
    } else if entry.kind == .directory {
      openDirectory(entry, to: &decision)
    } else if removesGroupWriteOutside {
      decision.remove(S_IWGRP, because: .groupWriteRemoved)
    }
    if entry.access.namedWrite && !keepsWorldWrite {
      decision.remove(S_IWGRP, because: .aclWriteRemoved)
    }
    removeWorldWrite(from: &decision)
    return decision
  }

  /// Whether `decision` for an entry of `kind` depends on its ACL and capabilities, which are read only then: a
  /// directory or file that is, or would become, group-writable (an ACL's named entries can write only through
  /// the mask's write, which is the group's; capabilities matter only in a file others could change).
  public static func needsExtendedAccess(kind: FileKind, decision: ModeDecision) -> Bool {
    (kind == .regular || kind == .directory)
      && (decision.current | decision.permissions) & S_IWGRP != 0
  }

  private func removeWorldWrite(from decision: inout ModeDecision) {
    if !keepsWorldWrite { decision.remove(S_IWOTH, because: .worldWriteRemoved) }
  }

  /// A selected entry: the owner's bits for the group.
  private func grant(_ entry: PolicyEntry, to decision: inout ModeDecision) {
    let current = entry.permissions
    switch entry.kind {
    case .directory:
      var bits = (current & 0o700) >> 3
      if setsGroupIDOnDirectories { bits |= S_ISGID }
      decision.add(bits, because: .granted)
    case .regular:
      decision.add((current & 0o600) >> 3, because: .granted)
    default:
      decision.skip = .specialFile(entry.kind)
    }
  }

  /// An unselected directory: search for what lies below, a database's directory, or group write removed.
  private func openDirectory(_ entry: PolicyEntry, to decision: inout ModeDecision) {
    if entry.marks.contains(.holdsDatabase) && opensDatabaseDirectories {
      decision.add((entry.permissions & 0o700) >> 3, because: .databaseDirectory)
      decision.add(S_ISVTX, because: .databaseDirectory, required: false)
      return
    }
    if entry.marks.contains(.leadsToSelection) && !entry.isAppRoot {
      decision.add(S_IXGRP, because: .ancestorSearch)
    }
    // The app directory's mode never comes from the source: the platform made it (pack 0777, kpack 2777), so
    // unless it is selected its group loses write as well as everyone else.
    if removesGroupWriteOutside || (entry.isAppRoot && !keepsWorldWrite) {
      decision.remove(S_IWGRP, because: .groupWriteRemoved)
    }
  }
}
