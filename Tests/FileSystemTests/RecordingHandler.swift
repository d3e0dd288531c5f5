import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

/// Records every walk event as text, for assertions; can mark directories like a handler would.
final class RecordingHandler: WalkHandler {
  var visited: [String] = []
  var left: [String] = []
  var noticed: [String] = []
  var progress: [WalkProgress] = []
  /// Marks `visit` returns for entries whose path is a key.
  var marksFor: [String: DirectoryMarks] = [:]
  /// Whether `visit` reads every entry's status (so the tests see which ones the walk had to stat).
  var readsStatus = false
  var statusKinds: [String: FileKind] = [:]
  /// Raised on this handler's first visit (a helper thread's handler).
  var raises: HelperStart?
  /// Until it is raised, each visit yields a millisecond so idle helpers can ask for work (at most 5 s in all).
  var yieldsUntil: HelperStart?
  /// Whether `visit` holds each opened directory at its bits plus sticky (`heldPermissions`), and the records show
  /// each entry's parent's bits (` in 1755`) and each leave's held bits (` held 1755`).
  var holds = false
  private var yielded = 0

  static func text(_ path: UnsafeBufferPointer<UInt8>, _ kind: FileKind) -> String {
    (path.isEmpty ? "." : String(decoding: path, as: UTF8.self)) + (kind == .directory ? "/" : "")
  }

  static func text(_ selection: EntrySelection) -> String {
    switch selection {
    case .unselected: return ""
    case .root(let pattern): return " root\(pattern.map { ":\($0)" } ?? "")"
    case .inside: return " inside"
    }
  }

  func visit(_ entry: inout WalkEntry) -> DirectoryMarks {
    raises?.raise()
    if let yieldsUntil, !yieldsUntil.isRaised, yielded < 5000 {
      yielded += 1
      usleep(1000)
    }
    let path = Self.text(entry.path, entry.kind)
    var text = path + Self.text(entry.selection)
    if holds {
      if let parent = entry.parentStatus { text += " in " + String(parent.permissions, radix: 8) }
      if entry.directory != nil, let status = try? entry.status() {
        entry.heldPermissions = status.permissions | S_ISVTX
      }
    }
    visited.append(text)
    if readsStatus, let status = try? entry.status() { statusKinds[path] = status.kind }
    return marksFor[path] ?? []
  }

  func leave(_ directory: inout WalkEntry) {
    var text = Self.text(directory.path, .directory)
    if directory.marks.contains(.leadsToSelection) { text += " leads" }
    if directory.marks.contains(.holdsDatabase) { text += " database" }
    if directory.directory == nil { text += " unopened" }
    if holds {
      text += " held " + (directory.heldPermissions.map { String($0, radix: 8) } ?? "none")
    }
    left.append(text)
  }

  func walkNoticed(
    _ incident: WalkIncident, at path: UnsafeBufferPointer<UInt8>, kind: FileKind, needed: Bool
  ) {
    noticed.append("\(Self.text(path, kind)) \(incident)\(needed ? " needed" : "")")
  }

  func walkProgress(_ progress: WalkProgress) {
    self.progress.append(progress)
  }
}
