extension Report {
  /// Every warning of a run in the order the log prints them: the configuration's, the run's, the audit's. A run
  /// that failed has no audit warnings: the audit describes the image, and a failed build makes none.
  public func allWarnings(configuration: [ConfigurationWarning], buildUser: Int) -> [Diagnostic] {
    let auditWarnings = hasFailures ? [] : (audit?.diagnostics(appDirectory: appDirectory) ?? [])
    return configuration.map(\.diagnostic) + warningDiagnostics(buildUser: buildUser)
      + auditWarnings
  }

  /// The report with `warnings` rendered into it, as `report.toml` keeps them.
  public func keeping(_ warnings: [Diagnostic]) -> Report {
    var report = self
    report.warnings = warnings.map {
      ReportWarning(title: $0.title, message: DiagnosticRenderer.render($0))
    }
    return report
  }
}
