/// The warning about mount points inside the app directory, shared by the run's report and the audit.
enum OtherFileSystems {
  /// Mount points `paths` were neither changed nor entered.
  static func diagnostic(_ paths: SampledPaths) -> Diagnostic {
    Diagnostic(
      severity: .warning,
      title: "\(CountText.of(paths.total, "mount point")) inside the app directory left alone",
      detail: [
        "These are mounted from another file system (a bind mount or a volume, such as `pack build --volume` or a "
          + "cache mount), so nothing on them was changed or checked, as `find -xdev` does: \(paths.listText)."
      ],
      suggestions: [
        "Copy what the app needs from the mount into the app directory in a build step, or mount it outside the "
          + "app directory; list a path under `create` if the app needs an empty writable directory there."
      ])
  }
}
