extension Report {
  /// Entries another user owns that keep what the platform gave them, and databases whose directory stays closed.
  func platformWarnings(buildUser: Int) -> [Diagnostic] {
    var result: [Diagnostic] = []
    let kept = changes.keptByPlatform
    if !kept.isEmpty {
      let hint = PlatformHint(
        appDirectory: appDirectory, owners: changes.keptByPlatformOwners, buildUser: buildUser)
      let owners = changes.keptByPlatformOwners.map { "uid \($0)" }.joined(separator: ", ")
      var detail = [
        "The build user (uid \(buildUser)) cannot change entries it does not own (here \(owners)). They already "
          + "have what the selection needs, so the build goes on, but they keep their other bits: "
          + "\(CountText.changes(kept))."
      ]
      if let hint { detail.append(hint.explanation) }
      result.append(
        Diagnostic(
          severity: .warning,
          title: "\(CountText.of(kept.total, "entry", "entries")) left as the platform made them",
          detail: detail,
          suggestions: [
            hint?.fix ?? "Make the build user own them in the step that creates them (`chown`)."
          ]))
    }
    if !changes.closedDatabaseDirectories.isEmpty {
      result.append(
        Diagnostic(
          severity: .warning,
          title: "SQLite databases in directories the build user cannot open to the group",
          detail: [
            "SQLite creates its journal (`-journal`, `-wal`, `-shm`) next to the database, so writes will fail "
              + "with \"attempt to write a readonly database\": the build user does not own "
              + "\(changes.closedDatabaseDirectories.listText)."
          ],
          suggestions: [
            "Keep the database in a directory of the app that the build user owns, such as `db/`, and select it "
              + "(`/db/*.sqlite3`)."
          ]))
    }
    if !changes.closedDatabaseCompanions.isEmpty {
      result.append(
        Diagnostic(
          severity: .warning,
          title: "SQLite files next to a database that the run user cannot write",
          detail: [
            "The build left \(changes.closedDatabaseCompanions.listText) without group write in a database "
              + "directory, whose sticky bit keeps the run user from replacing them too, so opening the database "
              + "will fail (\"unable to open database file\" or \"attempt to write a readonly database\")."
          ],
          suggestions: [
            "End the build step that writes the database with a checkpoint that removes them "
              + "(`PRAGMA wal_checkpoint(TRUNCATE)` then `PRAGMA journal_mode=DELETE`), or delete them after it.",
            "Or select them too, with a pattern such as `/db/*.sqlite3*`.",
          ]))
    }
    return result
  }

  /// What the shape of the selection leaves: group write outside it, files in closed directories.
  var selectionShapeWarnings: [Diagnostic] {
    var result: [Diagnostic] = []
    if !changes.groupWritableOutside.isEmpty {
      let count = CountText.of(changes.groupWritableOutside.total, "entry", "entries")
      result.append(
        Diagnostic(
          severity: .warning, title: "\(count) outside the selection already group-writable",
          detail: [
            "They arrived group-writable (with the source's modes, for example from a Windows host or a umask of "
              + "002), so the run user can change them too: \(changes.groupWritableOutside.listText)."
          ],
          suggestions: [
            "Set `exclusive = true` in `[utility.group-writable]` (or `BP_GROUP_WRITABLE_EXCLUSIVE=true`) so only "
              + "the selection stays group-writable.",
            "Or select them on purpose with a pattern.",
          ]))
    }
    if !changes.closedDirectories.isEmpty {
      result.append(
        Diagnostic(
          severity: .warning, title: "Selected files in directories the group cannot write",
          detail: [
            "The run user can write these directories' selected files in place, but cannot create files next "
              + "to them, so saving by writing a new file and renaming it over the old one will fail: "
              + "\(changes.closedDirectories.listText)."
          ],
          suggestions: [
            "Select the directory instead (a pattern such as `/log/`), or list it under `create`, if the app "
              + "saves files there atomically or makes new ones."
          ]))
    }
    return result
  }
}
