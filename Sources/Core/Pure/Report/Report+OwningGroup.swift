import FileSystem

extension Report {
  /// The group the changed files will have, for the heading: the lifecycle's `CNB_GROUP_ID` (the exporter gives
  /// it to every app entry) when set; else the process's group, or, as root (whose group is 0 while the files
  /// keep theirs), the app directory's group.
  public func owningGroup(cnbGroupID: String?, identity: ProcessIdentity) -> Int {
    if let text = cnbGroupID, let group = Int(text), group >= 0 { return group }
    if identity.userID == 0, let appDirectory { return appDirectory.group }
    return Int(identity.groupID)
  }
}
