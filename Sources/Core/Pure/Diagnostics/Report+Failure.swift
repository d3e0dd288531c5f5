import FileSystem

#if canImport(Glibc)
  import Glibc
#endif

extension Report {
  /// The error for entries that could not be given what the selection needs, or nil when there were none.
  public func failureDiagnostic(buildUser: Int) -> Diagnostic? {
    guard !failures.isEmpty else { return nil }
    var lines = failures.elements.map {
      "- \(DiagnosticText.quoted($0.path)): \(Self.reason($0.cause))"
    }
    if failures.isTruncated { lines.append("- … and \(CountText.number(failures.omitted)) more") }
    var owners: [Int] = []
    var notOwned = false
    var unreadable = false
    var protected = false
    var readOnly = false
    for failure in failures.elements {
      switch failure.cause {
      case .cannotChangeMode(let errno, _, _) where errno == EROFS:
        readOnly = true
      case .cannotChangeMode(let errno, let owner, let buildUser)
      where Self.isAttributeRefusal(errno, owner, buildUser):
        protected = true
      case .notOwned(let owner, _), .cannotChangeMode(_, let owner, _):
        notOwned = true
        if !owners.contains(owner) { owners.append(owner) }
      case .cannotReadStatus, .cannotReadDirectory, .cannotReadAttributes:
        unreadable = true
      }
    }
    var suggestions: [String] = []
    if protected {
      suggestions.append(
        "Remove the attribute in the step that sets it (`lsattr PATH` shows it, `chattr -i -a PATH` removes it)."
      )
    }
    if readOnly {
      suggestions.append(
        "Mount these paths writable for the build, or leave them out of the selection.")
    }
    if notOwned {
      if let hint = PlatformHint(appDirectory: appDirectory, owners: owners, buildUser: buildUser) {
        suggestions.append(hint.fix)
      }
      suggestions.append(
        "Make these paths owned by the build user (uid \(buildUser)) in the step that creates them "
          + "(`chown -R \(buildUser) PATH`), or create them in a later build step.")
    }
    if unreadable {
      suggestions.append(
        "Make unreadable directories readable by the build user in the step that creates them (`chmod u+rx DIR`)."
      )
    }
    suggestions.append(
      "If the app does not need to write them, leave them out of the selection with a `!` pattern "
        + "(or anchor the patterns, so the walk does not enter them).")
    return Diagnostic(
      title: "Cannot give the group write access to \(CountText.of(failures.total, "path"))",
      detail: [
        "The build user cannot read or change these entries:\n" + lines.joined(separator: "\n")
      ],
      suggestions: suggestions)
  }

  static func reason(_ cause: EntryFailure.Cause) -> String {
    switch cause {
    case .notOwned(let owner, let buildUser):
      return "owned by uid \(owner); the build user is uid \(buildUser)"
    case .cannotReadDirectory(let errno):
      return "cannot open the directory: \(Errno(rawValue: errno))"
    case .cannotReadStatus(let errno):
      return "cannot read its status: \(Errno(rawValue: errno))"
    case .cannotReadAttributes(let errno):
      return "cannot read its ACL and capabilities: \(Errno(rawValue: errno))"
    case .cannotChangeMode(let errno, _, _) where errno == EROFS:
      return
        "cannot change its mode: \(Errno(rawValue: errno)): the file system is mounted read-only"
    case .cannotChangeMode(let errno, let owner, let buildUser)
    where isAttributeRefusal(errno, owner, buildUser):
      return
        "cannot change its mode: \(Errno(rawValue: errno)), although the build user may change it: an "
        + "immutable or append-only attribute (`chattr +i`, `chattr +a`) refuses every change"
    case .cannotChangeMode(let errno, let owner, let buildUser):
      return
        "cannot change its mode: \(Errno(rawValue: errno)) (owned by uid \(owner); the build user is uid "
        + "\(buildUser))"
    }
  }

  /// Whether `EPERM` came although the build user owns the entry (or is root): an inode attribute refused it.
  static func isAttributeRefusal(_ errno: Int32, _ owner: Int, _ buildUser: Int) -> Bool {
    errno == EPERM && (owner == buildUser || buildUser == 0)
  }
}
