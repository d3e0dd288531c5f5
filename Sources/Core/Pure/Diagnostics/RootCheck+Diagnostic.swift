import FileSystem

extension RootCheck {
  /// The warning for this root; `appPath` is the app directory's absolute path (for mount suggestions), and
  /// `preset` the preset whose pattern selected the root, which the warning names.
  public func diagnostic(appPath: String, preset: String? = nil) -> Diagnostic {
    var diagnostic = plainDiagnostic(appPath: appPath)
    if let preset {
      let framework =
        Preset(rawValue: preset).map { PresetTable.definition(of: $0).framework } ?? preset
      diagnostic.detail.append(
        "The `\(preset)` preset selected \(DiagnosticText.quoted(root)): \(framework) writes there at run time."
      )
    }
    return diagnostic
  }

  private func plainDiagnostic(appPath: String) -> Diagnostic {
    let shown = DiagnosticText.quoted(root)
    let absolute = appPath.hasSuffix("/") ? appPath + root : appPath + "/" + root
    let mountPath =
      absolute.hasSuffix("/") && absolute.count > 1 ? String(absolute.dropLast()) : absolute
    switch problem {
    case .missing:
      return Diagnostic(
        severity: .warning, title: "\(shown) is missing",
        detail: ["The build made \(shown) group-writable, but it does not exist in the container."],
        suggestions: [
          "If the app creates it at run time, list its directory under `create` so the build makes it."
        ])
    case .readOnlyFileSystem:
      let name = Self.volumeName(root)
      let directory = root.hasSuffix("/") ? String(root.dropLast()) : root
      return Diagnostic(
        severity: .warning, title: "\(shown) is on a read-only file system",
        detail: [
          "The container's file system is mounted read-only (for example Kubernetes "
            + "`readOnlyRootFilesystem: true`), so \(shown) will not be writable whatever its mode."
        ],
        suggestions: [
          "Mount a writable volume at \(DiagnosticText.code(mountPath)) (a Kubernetes `emptyDir`, or "
            + "`docker run --tmpfs \(mountPath)`); the start-up check makes the directories the build created in "
            + "it again. In the pod spec:\n"
            + "  volumeMounts: [{ name: \(name), mountPath: \(mountPath) }]\n"
            + "  volumes: [{ name: \(name), emptyDir: {} }]",
          "Or list it under `ephemeral` (`ephemeral = [\"\(directory)\"]` in `[utility.group-writable]`, or "
            + "`BP_GROUP_WRITABLE_EPHEMERAL`): the build makes it a link to a place under `/tmp`, so only `/tmp` "
            + "needs a writable volume.",
        ])
    case .groupNotHeld(let group, let identity):
      let groups =
        ([identity.groupID] + identity.supplementaryGroups.filter { $0 != identity.groupID })
        .map(String.init).joined(separator: ", ")
      var detail = [
        "\(shown) is writable by group \(group), but this process runs as uid \(identity.userID) "
          + "with groups \(groups)."
      ]
      var suggestions = [
        "Run the container with group \(group): `docker run --group-add \(group)`, or in Kubernetes "
          + "`securityContext.supplementalGroups: [\(group)]` or `fsGroup: \(group)`."
      ]
      if group != 0 && identity.isMember(of: 0) {
        detail.append(
          "The process is in group 0, as OpenShift runs containers (an arbitrary uid in group 0), but the image's "
            + "files belong to group \(group).")
        suggestions.insert(
          "Build with `pack build --gid 0` (the lifecycle then gives every file group 0), so any uid OpenShift "
            + "picks can write what the build selected.", at: 0)
      }
      return Diagnostic(
        severity: .warning, title: "\(shown) is not writable: the process is not in group \(group)",
        detail: detail, suggestions: suggestions)
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

  /// A volume name for `root` as Kubernetes wants it (lower-case letters, digits, `-`).
  static func volumeName(_ root: String) -> String {
    let mapped = root.lowercased().map { character -> Character in
      character.isASCII && (character.isLetter || character.isNumber) ? character : "-"
    }
    let trimmed = String(mapped).split(separator: "-").joined(separator: "-")
    return trimmed.isEmpty ? "app" : String(trimmed.prefix(63))
  }
}
