import Patterns

extension LayerMetadata {
  /// Bytes of `version` at most: far more than any version this buildpack writes.
  static let versionBytes = 64

  /// Throws `notWrittenByThisBuildpack` unless this is metadata `LayerMetadata(_:)` could have made: at most
  /// `ReportLimits.rootsInImage` roots of at most `ReportLimits.rootBytesInImage` bytes in all, each in the
  /// escaped form the report uses (so printing it can neither break a line nor hide text), and a total no smaller
  /// than the list.
  func checkWritten() throws(ReportText.ReadError) {
    func refuse(_ reason: String) -> ReportText.ReadError {
      .notWrittenByThisBuildpack(reason: reason)
    }
    guard version.utf8.count <= Self.versionBytes, Self.isEscaped(version) else {
      throw refuse("its `version` is not a version this buildpack writes")
    }
    guard roots.count <= ReportLimits.rootsInImage else {
      throw refuse(
        "it lists \(roots.count) roots, more than the \(ReportLimits.rootsInImage) this buildpack keeps"
      )
    }
    let bytes = roots.reduce(0) { $0 + $1.utf8.count }
    guard bytes <= ReportLimits.rootBytesInImage else {
      throw refuse(
        "its roots take \(bytes) bytes, more than the \(ReportLimits.rootBytesInImage) this buildpack keeps"
      )
    }
    guard rootsTotal >= roots.count else {
      throw refuse(
        "its `roots-total` (\(rootsTotal)) is smaller than the \(roots.count) roots it lists")
    }
    if let index = roots.firstIndex(where: { $0.isEmpty || !Self.isEscaped($0) }) {
      throw refuse("root \(index + 1) is not a path in the escaped form this buildpack writes")
    }
  }

  /// Whether `text` is exactly what `EscapedText.escaping` makes of some bytes.
  static func isEscaped(_ text: String) -> Bool {
    guard let bytes = EscapedText.unescaping(text) else { return false }
    return EscapedText.escaping(bytes) == text
  }
}
