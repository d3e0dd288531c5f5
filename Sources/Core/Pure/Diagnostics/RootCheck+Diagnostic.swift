import FileSystem

extension RootCheck {
  /// The warning for this root; `appPath` is the app directory's absolute path (for mount suggestions).
  public func diagnostic(appPath: String) -> Diagnostic {
    let shown = DiagnosticText.code(root)
    let absolute = appPath.hasSuffix("/") ? appPath + root : appPath + "/" + root
    let mountPath = absolute.hasSuffix("/") && absolute.count > 1 ? String(absolute.dropLast()) : absolute
    switch problem {
    case .missing:
      return Diagnostic(
        severity: .warning, title: "\(shown) is missing",
        detail: ["The build made \(shown) group-writable, but it does not exist in the container."],
        suggestions: [
          "If the app creates it at run time, list its directory under `create` so the build makes it."
        ])
    case .readOnlyFileSystem:
      return Diagnostic(
        severity: .warning, title: "\(shown) is on a read-only file system",
        detail: [
          "The container's file system is mounted read-only (for example Kubernetes "
            + "`readOnlyRootFilesystem: true`), so group write access cannot help."
        ],
        suggestions: [
          "Mount a writable volume at \(DiagnosticText.code(mountPath)): a Kubernetes `emptyDir`, or "
            + "`docker run --tmpfs \(mountPath)`."
        ])
    case .groupNotHeld(let group, let identity):
      let groups = ([identity.groupID] + identity.supplementaryGroups.filter { $0 != identity.groupID })
        .map(String.init).joined(separator: ", ")
      return Diagnostic(
        severity: .warning, title: "\(shown) is not writable: the process is not in group \(group)",
        detail: [
          "\(shown) is writable by group \(group), but this process runs as uid \(identity.userID) "
            + "with groups \(groups)."
        ],
        suggestions: [
          "Run the container with group \(group): `docker run --group-add \(group)`, or in Kubernetes "
            + "`securityContext.supplementalGroups: [\(group)]` or `fsGroup: \(group)`."
        ])
    case .notGroupWritable(let permissions):
      return Diagnostic(
        severity: .warning, title: "\(shown) is not group-writable",
        detail: [
          "\(shown) has mode \(String(permissions & 0o7777, radix: 8)): something changed it after the build."
        ],
        suggestions: ["Find the step that changes its mode after `utility/group-writable` ran."])
    case .denied(let error):
      return Diagnostic(
        severity: .warning, title: "\(shown) is not writable",
        detail: ["Checking write access to \(shown) failed: \(error)."],
        suggestions: ["Check the container's user, groups and mounts."])
    }
  }
}
