import Patterns

/// Tests write relative paths as literals (`"tmp/cache"`); an invalid literal is the app directory.
extension RelativePath: ExpressibleByStringLiteral {
  public init(stringLiteral value: String) {
    self = (try? RelativePath(value)) ?? .appDirectory
  }
}
