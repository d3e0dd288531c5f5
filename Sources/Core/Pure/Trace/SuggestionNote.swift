/// A write that no pattern can make succeed, with the paths it concerns (sorted, deduplicated, display form).
public enum SuggestionNote: Equatable, Sendable {
  /// Entries created, removed or renamed directly in the app root (`.` for the root itself): the root becomes
  /// writable only in whole-app mode (`BP_GROUP_WRITABLE=true` with no patterns) or, sticky, for a selected
  /// SQLite database at the root; move them into a subdirectory.
  case appDirectoryEntries([String])
  /// Mode, owner and explicit-times changes (`EPERM`) of entries the app did not make: group write cannot grant
  /// these, only the owner can.
  case needsOwner([String])
  /// Writes that failed with `EROFS`: no mode helps; a volume or the `ephemeral` setting does (the patterns are
  /// suggested all the same).
  case readOnlyFileSystem([String])
}
