/// Checks an `ephemeral-base` value: an absolute, normalised directory path other than `/`, short
/// enough that the paths the start-up check builds below it stay far from `PATH_MAX`.
public enum EphemeralBase {
  /// Why a text is not a usable `ephemeral-base`.
  public enum Problem: Error, Equatable, Sendable {
    /// The text is empty.
    case empty
    /// It contains a NUL byte.
    case nulByte
    /// It does not start with `/`.
    case notAbsolute
    /// It is `/` itself.
    case root
    /// It has a `..` component.
    case parentComponent
    /// It has an empty or `.` component, or ends with `/`.
    case notNormalised
    /// It is longer than `limit` bytes.
    case tooLong(limit: Int)
  }

  /// `value` when it is usable, else the first problem in the order of `Problem`'s cases.
  public static func check(_ value: String) throws(Problem) -> String {
    let bytes = Array(value.utf8)
    guard !bytes.isEmpty else { throw .empty }
    if bytes.contains(0) { throw .nulByte }
    guard bytes.first == UInt8(ascii: "/") else { throw .notAbsolute }
    if bytes == [UInt8(ascii: "/")] { throw .root }
    let components = bytes.dropFirst().split(
      separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    if components.contains(where: { $0.elementsEqual("..".utf8) }) { throw .parentComponent }
    if components.contains(where: { $0.isEmpty || $0.elementsEqual(".".utf8) }) {
      throw .notNormalised
    }
    let limit = ConfigurationLimits.ephemeralBaseBytes
    guard bytes.count <= limit else { throw .tooLong(limit: limit) }
    return value
  }
}
