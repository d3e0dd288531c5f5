/// A pattern matched by running a wildmatch program on the last path component.
struct BasenameGlob: Sendable {
  /// The pattern index.
  let index: Int
  /// Whether the pattern matches directories only.
  let isDirectoryOnly: Bool
  /// The program for the last component.
  let program: GlobProgram
}
