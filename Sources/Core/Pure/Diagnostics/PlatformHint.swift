import FileSystem

/// What a platform did to the app directory, as far as ownership shows it, and the fix on the platform's side.
public enum PlatformHint: Sendable, Equatable {
  /// The app directory belongs to uid 0: a volume the platform mounted (kpack and Shipwright use an `emptyDir`).
  case rootOwnedVolume(mode: Int)
  /// Entries belong to one other user: a platform step handed the source to it (Tekton's `chown -R`).
  case otherOwner(userID: Int)

  /// The hint for entries owned by `owners` (not the build user), given the app directory's facts.
  public init?(appDirectory: AppDirectoryFacts?, owners: [Int], buildUser: Int) {
    if let appDirectory, appDirectory.owner == 0, buildUser != 0 {
      self = .rootOwnedVolume(mode: appDirectory.modeBefore)
    } else if owners.count == 1, let owner = owners.first, owner != buildUser, owner != 0 {
      self = .otherOwner(userID: owner)
    } else {
      return nil
    }
  }

  /// The hint for a `create` directory the build user was not allowed to make, or nil when its parent is the
  /// build user's own or the failure was another one.
  public init?(creationFailure: DirectoryCreationError, buildUser: Int) {
    guard case .systemError(_, let component, _, let parent?) = creationFailure else { return nil }
    let owner = Int(parent.userID)
    let inAppRoot = component.components.count == 1
    let appDirectory =
      inAppRoot
      ? AppDirectoryFacts(
        owner: owner, group: Int(parent.groupID), modeBefore: Int(parent.permissions),
        modeAfter: Int(parent.permissions))
      : nil
    guard owner != buildUser, owner != 0 || inAppRoot else { return nil }
    self.init(appDirectory: appDirectory, owners: [owner], buildUser: buildUser)
  }

  /// One sentence on what happened.
  public var explanation: String {
    switch self {
    case .rootOwnedVolume(let mode):
      return
        "The app directory is owned by uid 0 with mode \(CountText.mode(mode)): the platform mounted a "
        + "volume there (kpack and Shipwright use an `emptyDir`), and only its owner can change it."
    case .otherOwner(let userID):
      return "These are owned by uid \(userID), not by the build user: \(Self.handedOver)."
    }
  }

  /// Why entries belong to another user, as a clause.
  static let handedOver =
    "a platform step handed the source to that user (Tekton's `buildpacks` task runs `chown -R` with its "
    + "`USER_ID` and `GROUP_ID` parameters)"

  /// The fix on the platform's side.
  public var fix: String {
    switch self {
    case .rootOwnedVolume:
      return
        "Build from a subdirectory of the source, which the build user checks out and owns: kpack "
        + "`spec.source.subPath`, Shipwright `spec.source.contextDir`."
    case .otherOwner:
      return
        "Run the platform's steps as the builder's build user (`CNB_USER_ID` and `CNB_GROUP_ID` of the "
        + "builder image, such as 1001 and 1000 on Paketo jammy): for Tekton, set the task's `USER_ID` and "
        + "`GROUP_ID` to them, and run its steps as that user."
    }
  }
}
