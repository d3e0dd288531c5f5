/// Checks and normalises the entries of the `create` key.
enum CreatePath {
  /// The entry without empty or `.` components and trailing `/`, such as `tmp/cache` for
  /// `./tmp//cache/`.
  static func normalize(
    _ entry: String
  ) throws(ConfigurationError.CreatePathProblem) -> String {
    if entry.isEmpty { throw .empty }
    if entry.utf8.contains(0) { throw .nulByte }
    if entry.hasPrefix("/") { throw .absolute }
    let components = entry.split(separator: "/").filter { $0 != "." }
    if components.contains("..") { throw .parentComponent }
    if components.isEmpty { throw .appDirectory }
    return components.joined(separator: "/")
  }
}
